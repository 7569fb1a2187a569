/* lua_newstate with the host's allocator: the state's memory comes from
 * it (the live byte count grows as Lua allocates and is exactly 0 after
 * lua_close, and the allocator is never called after that); lua_getallocf
 * hands it back; an allocator that refuses past a limit makes lua_pcall
 * fail with LUA_ERRMEM "not enough memory", and the state stays usable
 * after a collection; an allocator that refuses everything gets no state;
 * lua_setallocf switches allocators. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

typedef struct {
    size_t live;      /* bytes the state holds */
    size_t limit;     /* most bytes it may hold */
    int closed;       /* lua_close has returned */
    int late_calls;   /* calls after that (must stay 0) */
    int refusals;
} Counter;

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    Counter *c = (Counter *)ud;
    if (c->closed) c->late_calls++;
    if (nsize == 0) {
        free(ptr);
        c->live -= osize;
        return NULL;
    }
    if (nsize > osize && c->live - osize + nsize > c->limit) {
        c->refusals++;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    c->live = c->live - osize + nsize;
    return p;
}

static void *refuse_all(void *ud, void *ptr, size_t osize, size_t nsize) {
    (void)ud; (void)osize;
    if (nsize == 0) { free(ptr); return NULL; }
    return NULL;
}

static int big_userdata(lua_State *L) {
    lua_newuserdata(L, 16 << 20);
    return 1;
}

static const char *grow =
    "local t = {}\n"
    "for i = 1, 20000 do t[i] = { i, tostring(i) .. 'x' } end\n"
    "keep = t\n";

static const char *grow_forever =
    "local t = {}\n"
    "for i = 1, 1e9 do t[i] = { i, tostring(i) .. 'x' } end\n";

int main(void) {
    /* counting: memory comes from the allocator and all of it goes back */
    Counter c = {0, (size_t)-1, 0, 0, 0};
    lua_State *L = lua_newstate(counting_alloc, &c);
    CHECK(L != NULL);
    void *ud = NULL;
    CHECK(lua_getallocf(L, &ud) == counting_alloc);
    CHECK(ud == &c);
    CHECK(c.live > 0);
    luaL_openlibs(L);
    size_t opened = c.live;
    CHECK_INT(luaL_dostring(L, grow), 0);
    size_t grown = c.live;
    CHECK(grown > opened + 20000 * 64);
    lua_pushnil(L);
    lua_setglobal(L, "keep");
    lua_gc(L, LUA_GCCOLLECT, 0);
    CHECK(c.live < grown - 20000 * 64);
    CHECK_INT(c.refusals, 0);
    lua_close(L);
    c.closed = 1;
    CHECK_INT(c.live, 0);

    /* f is not called after lua_close, whatever else runs in the process */
    lua_State *other = luaL_newstate();
    luaL_openlibs(other);
    CHECK_INT(luaL_dostring(other, grow), 0);
    lua_close(other);
    CHECK_INT(c.late_calls, 0);

    /* a limit: LUA_ERRMEM from lua_pcall, then the state works again */
    Counter lim = {0, 0, 0, 0, 0};
    lim.limit = (size_t)-1;
    L = lua_newstate(counting_alloc, &lim);
    CHECK(L != NULL);
    luaL_openlibs(L);
    lim.limit = lim.live + (2 << 20);
    CHECK_INT(luaL_loadstring(L, grow_forever), 0);
    CHECK_INT(lua_pcall(L, 0, 0, 0), LUA_ERRMEM);
    CHECK_STR(lua_tostring(L, -1), "not enough memory");
    CHECK(lim.refusals > 0);
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT, 0);
    CHECK(lim.live < lim.limit - (1 << 20));
    CHECK_INT(luaL_dostring(L, "local t = {} for i = 1, 1000 do t[i] = {} end x = #t"), 0);
    lua_getglobal(L, "x");
    CHECK_INT(lua_tointeger(L, -1), 1000);
    lua_pop(L, 1);

    /* a refusal inside a C function: its protected caller gets it */
    CHECK_INT(lua_cpcall(L, big_userdata, NULL), LUA_ERRMEM);
    CHECK_STR(lua_tostring(L, -1), "not enough memory");
    lua_pop(L, 1);
    lua_pushcfunction(L, big_userdata);
    lua_setglobal(L, "big_userdata");
    CHECK_INT(luaL_dostring(L, "ok, err = pcall(big_userdata) err = tostring(ok) .. ' ' .. err"), 0);
    lua_getglobal(L, "err");
    CHECK_STR(lua_tostring(L, -1), "false not enough memory");
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT, 0);
    CHECK_INT(luaL_dostring(L, "y = string.rep('ab', 10)"), 0);
    lua_close(L);
    lim.closed = 1;
    CHECK_INT(lim.live, 0);
    CHECK_INT(lim.late_calls, 0);

#ifndef ON_LUAJIT
    /* lua_setallocf: new blocks come from the new allocator; each block is
     * freed by the allocator that made it (LuaJIT frees the old blocks
     * through the new one) */
    Counter first = {0, (size_t)-1, 0, 0, 0}, second = {0, (size_t)-1, 0, 0, 0};
    L = lua_newstate(counting_alloc, &first);
    luaL_openlibs(L);
    lua_setallocf(L, counting_alloc, &second);
    CHECK(lua_getallocf(L, &ud) == counting_alloc);
    CHECK(ud == &second);
    CHECK_INT(second.live, 0);
    CHECK_INT(luaL_dostring(L, grow), 0);
    CHECK(second.live > 20000 * 64);
    lua_close(L);
    CHECK_INT(first.live, 0);
    CHECK_INT(second.live, 0);
#endif

    /* an allocator that refuses everything: no state */
    CHECK(lua_newstate(refuse_all, NULL) == NULL);
    DONE();
}
