/* Debug hooks set from C (lua_sethook): call, return, line and count
 * events reach the C hook with a lua_Debug that lua_getinfo completes;
 * lua_gethook/lua_gethookmask/lua_gethookcount report the hook, and
 * debug.gethook reports it as "external hook"; a hook's error reaches the
 * hooked code's lua_pcall. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static char log_buf[4096];
static char *log_end = log_buf;

static void logf_(const char *s) {
    size_t n = strlen(s);
    if (log_end + n + 1 < log_buf + sizeof log_buf) {
        memcpy(log_end, s, n + 1);
        log_end += n;
    }
}

static const char *event_names[] = {"call", "return", "line", "count", "tail return"};

/* Logs "event what name currentline" for each event in Lua code of "=hk". */
static void hook(lua_State *L, lua_Debug *ar) {
    int event = ar->event;
    int line = ar->currentline;
    CHECK(lua_getinfo(L, "nSl", ar));
    CHECK_INT(ar->event, event);
    if (event == LUA_HOOKLINE) CHECK_INT(ar->currentline, line);
    if (strcmp(ar->source, "=hk") != 0 && strcmp(ar->what, "C") != 0) return;
    /* level 0 inside a hook is the hooked function */
    lua_Debug top;
    CHECK(lua_getstack(L, 0, &top));
    CHECK(lua_getinfo(L, "Sl", &top));
    CHECK_STR(top.what, ar->what);
    CHECK_INT(top.currentline, ar->currentline);
    char s[128];
    snprintf(s, sizeof s, "%s %s %s %d;", event_names[event], ar->what,
             ar->name ? ar->name : "-", ar->currentline);
    logf_(s);
}

static int counts = 0;
static void count_hook(lua_State *L, lua_Debug *ar) {
    (void)L;
    CHECK_INT(ar->event, LUA_HOOKCOUNT);
    counts++;
}

static void failing_hook(lua_State *L, lua_Debug *ar) {
    CHECK(lua_getinfo(L, "l", ar));
    if (ar->currentline == 2) luaL_error(L, "hook says no");
}

static void quiet_hook(lua_State *L, lua_Debug *ar) { (void)L; (void)ar; }

/* The global `name` as a string ("(nil)" if it is not one). */
static const char *global_str(lua_State *L, const char *name) {
    lua_getglobal(L, name);
    const char *s = lua_isstring(L, -1) ? lua_tostring(L, -1) : "(nil)";
    lua_pop(L, 1); /* still referenced by the global */
    return s;
}

static int native(lua_State *L) { lua_pushinteger(L, 7); return 1; }

static const char *code =
    "local function add(a, b)\n"
    "  return a + b\n"
    "end\n"
    "local x = add(1, 2)\n"
    "native()\n"
    "y = x\n";

int main(void) {
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_register(L, "native", native);

    CHECK(lua_gethook(L) == NULL);
    CHECK_INT(lua_gethookmask(L), 0);

    /* call, return and line events */
    CHECK_INT(luaL_loadbuffer(L, code, strlen(code), "=hk"), 0);
    lua_sethook(L, hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE, 0);
    CHECK(lua_gethook(L) == hook);
    CHECK_INT(lua_gethookmask(L), LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE);
    CHECK_INT(lua_gethookcount(L), 0);
    CHECK_INT(lua_pcall(L, 0, 0, 0), 0);
    lua_sethook(L, NULL, 0, 0);
    CHECK(lua_gethook(L) == NULL);
    CHECK_INT(lua_gethookmask(L), 0);
    printf("%s\n", log_buf);
    CHECK_STR(log_buf,
              "call main - 0;line main - 3;line main - 4;call Lua add 1;line Lua add 2;"
              "return Lua add 2;line main - 5;call C native -1;line main - 6;return main - 6;");

    /* count events: every 10 instructions, none after the hook is removed */
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 10);
    CHECK(lua_gethook(L) == count_hook);
    CHECK_INT(lua_gethookmask(L), LUA_MASKCOUNT);
    CHECK_INT(lua_gethookcount(L), 10);
    CHECK_INT(luaL_dostring(L, "local s = 0 for i = 1, 100 do s = s + i end"), 0);
    lua_sethook(L, NULL, 0, 0);
    /* 2 instructions an iteration in the interpreter (LuaJIT's compiled
     * loop runs fewer hooks) */
    CHECK(counts >= 5 && counts <= 25);
    int seen = counts;
    CHECK_INT(luaL_dostring(L, "local s = 0 for i = 1, 100 do s = s + i end"), 0);
    CHECK_INT(counts, seen);

    /* debug.gethook sees a C hook as "external hook", with its mask
     * letters and count */
    lua_sethook(L, quiet_hook, LUA_MASKCALL | LUA_MASKLINE | LUA_MASKCOUNT, 7);
    CHECK_INT(luaL_dostring(L, "h, m, c = debug.gethook() c = tostring(c)"), 0);
    lua_sethook(L, NULL, 0, 0);
    CHECK_STR(global_str(L, "h"), "external hook");
    CHECK_STR(global_str(L, "m"), "cl");
    CHECK_STR(global_str(L, "c"), "7");
    lua_sethook(L, quiet_hook, LUA_MASKRET, 0);
    CHECK_INT(luaL_dostring(L, "h, m, c = debug.gethook() c = tostring(c)"), 0);
    lua_sethook(L, NULL, 0, 0);
    CHECK_STR(global_str(L, "h"), "external hook");
    CHECK_STR(global_str(L, "m"), "r");
    CHECK_STR(global_str(L, "c"), "0");

    /* a hook's error reaches the hooked code's protected call */
    lua_sethook(L, failing_hook, LUA_MASKLINE, 0);
    CHECK_INT(luaL_loadbuffer(L, "local a = 1\nlocal b = 2\n", 24, "=fh"), 0);
    CHECK_INT(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
    CHECK_STR(lua_tostring(L, -1), "hook says no");
    lua_pop(L, 1);
    lua_sethook(L, NULL, 0, 0);

    /* debug.sethook from Lua replaces the C hook */
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 100);
    CHECK_INT(luaL_dostring(L, "debug.sethook(function() end, 'l')"), 0);
    CHECK(lua_gethook(L) != count_hook);
    CHECK_INT(lua_gethookmask(L), LUA_MASKLINE);
    CHECK_INT(luaL_dostring(L, "h = type(debug.gethook())"), 0);
    CHECK_STR(global_str(L, "h"), "function");
    CHECK_INT(luaL_dostring(L, "debug.sethook()"), 0);
    CHECK_INT(lua_gethookmask(L), 0);

    lua_close(L);
    DONE();
}
