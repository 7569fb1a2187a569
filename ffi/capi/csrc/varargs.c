/* The C API functions that take C variable argument lists. Stable Rust can
 * neither define variadic functions nor read a va_list, so these are C: each
 * formats its arguments into pieces pushed on the Lua stack and joins them
 * with lua_concat, or forwards to a Rust function taking a plain string. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lua.h"
#include "lauxlib.h"

/* Pushes the formatted text (Lua 5.1's %s %d %c %f %p %% directives, plus
 * %i as LuaJIT) and returns it. */
const char *lua_pushvfstring(lua_State *L, const char *fmt, va_list argp) {
    int pieces = 0;
    const char *run = fmt;
    for (;;) {
        const char *pct = strchr(run, '%');
        if (pct == NULL) break;
        lua_pushlstring(L, run, (size_t)(pct - run));
        pieces++;
        switch (pct[1]) {
        case 's': {
            const char *s = va_arg(argp, const char *);
            lua_pushstring(L, s != NULL ? s : "(null)");
            break;
        }
        case 'c': {
            char c = (char)va_arg(argp, int);
            lua_pushlstring(L, &c, 1);
            break;
        }
        case 'd':
        case 'i':
            lua_pushnumber(L, (lua_Number)va_arg(argp, int));
            break;
        case 'f':
            lua_pushnumber(L, (lua_Number)va_arg(argp, LUAI_UACNUMBER));
            break;
        case 'p': {
            char buf[4 * sizeof(void *) + 8];
            snprintf(buf, sizeof buf, "%p", va_arg(argp, void *));
            lua_pushstring(L, buf);
            break;
        }
        case '%':
            lua_pushlstring(L, "%", 1);
            break;
        case '\0':
            /* A lone '%' at the end stays as it is. */
            lua_pushlstring(L, "%", 1);
            pieces++;
            lua_concat(L, pieces);
            return lua_tostring(L, -1);
        default:
            lua_pushlstring(L, pct, 2);
            break;
        }
        pieces++;
        run = pct + 2;
    }
    lua_pushstring(L, run);
    pieces++;
    lua_concat(L, pieces);
    return lua_tostring(L, -1);
}

const char *lua_pushfstring(lua_State *L, const char *fmt, ...) {
    va_list argp;
    va_start(argp, fmt);
    const char *s = lua_pushvfstring(L, fmt, argp);
    va_end(argp);
    return s;
}

int luaL_error(lua_State *L, const char *fmt, ...) {
    va_list argp;
    va_start(argp, fmt);
    luaL_where(L, 1);
    lua_pushvfstring(L, fmt, argp);
    va_end(argp);
    lua_concat(L, 2);
    return lua_error(L);
}
