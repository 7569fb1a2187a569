/* Coroutines from the host: lua_newthread, lua_resume, lua_yield from C
 * functions, lua_status, errors in coroutines. */
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

/* Yields its arguments; the resume values become its results. */
static int c_yield(lua_State *L) {
    return lua_yield(L, lua_gettop(L));
}

/* Calls its argument with lua_call: a yield inside cannot cross this. */
static int c_call(lua_State *L) {
    lua_pushvalue(L, 1);
    lua_call(L, 0, 0);
    return 0;
}

static int c_body(lua_State *L) {
    lua_pushinteger(L, lua_tointeger(L, 1) + 1);
    return lua_yield(L, 1);
}

int main(void) {
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_register(L, "cyield", c_yield);
    lua_register(L, "ccall", c_call);

    /* a Lua body yielding with coroutine.yield */
    lua_State *co = lua_newthread(L);
    CHECK(co != L);
    CHECK_INT(lua_status(co), 0);
    CHECK_INT(luaL_loadstring(co, "local a, b = ... local c = coroutine.yield(a + b, 'y') return c * 2, 'done'"), 0);
    lua_pushinteger(co, 1);
    lua_pushinteger(co, 2);
    CHECK_INT(lua_resume(co, 2), LUA_YIELD);
    CHECK_INT(lua_status(co), LUA_YIELD);
    CHECK_INT(lua_gettop(co), 2);
    CHECK_INT(lua_tointeger(co, 1), 3);
    CHECK_STR(lua_tostring(co, 2), "y");
    lua_settop(co, 0);
    lua_pushinteger(co, 21);
    CHECK_INT(lua_resume(co, 1), 0);
    CHECK_INT(lua_status(co), 0);
    CHECK_INT(lua_gettop(co), 2);
    CHECK_INT(lua_tointeger(co, 1), 42);
    CHECK_STR(lua_tostring(co, 2), "done");
    lua_pop(L, 1);

    /* a C function yielding from inside Lua code; resume values become its
       results, several times over */
    co = lua_newthread(L);
    CHECK_INT(luaL_loadstring(co, "local sum = 0 for i = 1, 3 do local v = cyield(i) sum = sum + v end return sum"), 0);
    CHECK_INT(lua_resume(co, 0), LUA_YIELD);
    int rounds = 0;
    for (;;) {
        CHECK_INT(lua_gettop(co), 1);
        lua_Integer i = lua_tointeger(co, 1);
        lua_settop(co, 0);
        lua_pushinteger(co, i * 100);
        int st = lua_resume(co, 1);
        rounds++;
        if (st == 0) break;
        CHECK_INT(st, LUA_YIELD);
    }
    CHECK_INT(rounds, 3);
    CHECK_INT(lua_tointeger(co, -1), 600);
    lua_pop(L, 1);

    /* a C function as the body itself */
    co = lua_newthread(L);
    lua_pushcfunction(co, c_body);
    lua_pushinteger(co, 9);
    CHECK_INT(lua_resume(co, 1), LUA_YIELD);
    CHECK_INT(lua_tointeger(co, -1), 10);
    lua_settop(co, 0);
    lua_pushstring(co, "r1");
    lua_pushstring(co, "r2");
    CHECK_INT(lua_resume(co, 2), 0);
    CHECK_INT(lua_gettop(co), 2);
    CHECK_STR(lua_tostring(co, 2), "r2");
    lua_pop(L, 1);

    /* C yields through Lua's coroutine library, and across pcall */
    CHECK_INT(luaL_dostring(L,
        "local co = coroutine.wrap(function(a) local x = cyield(a, a + 1) return x .. '!' end)\n"
        "local p, q = co(5) assert(p == 5 and q == 6)\n"
        "assert(co('back') == 'back!')\n"
        "local co2 = coroutine.create(function() local ok, v = pcall(cyield, 'in pcall') return ok, v end)\n"
        "local _, y = coroutine.resume(co2) assert(y == 'in pcall')\n"
        "local _, ok, v = coroutine.resume(co2, 'resumed') assert(ok == true and v == 'resumed')\n"), 0);

    /* yields that are not allowed */
    CHECK_INT(luaL_dostring(L, "cyield(1)"), 1);
    CHECK_STR(lua_tostring(L, -1), "attempt to yield across C-call boundary");
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L,
        "local co = coroutine.create(function() ccall(function() cyield(1) end) end)\n"
        "local ok, e = coroutine.resume(co)\n"
        "assert(not ok and e:find('attempt to yield across C%-call boundary'), e)"), 0);

    /* errors in a coroutine */
    co = lua_newthread(L);
    CHECK_INT(luaL_loadstring(co, "coroutine.yield(1) error('bad', 0)"), 0);
    CHECK_INT(lua_resume(co, 0), LUA_YIELD);
    lua_settop(co, 0);
    CHECK_INT(lua_resume(co, 0), LUA_ERRRUN);
    CHECK_STR(lua_tostring(co, -1), "bad");
    CHECK_INT(lua_status(co), LUA_ERRRUN);
    lua_settop(co, 0);
    lua_pop(L, 1);
    /* resuming a finished coroutine */
    co = lua_newthread(L);
    luaL_loadstring(co, "return 1");
    CHECK_INT(lua_resume(co, 0), 0);
    lua_settop(co, 0);
    /* (Neap says "cannot resume dead coroutine"; LuaJIT, which does not
       track it, tries to call the missing body) */
    CHECK(lua_resume(co, 0) == LUA_ERRRUN);
    lua_pop(L, 1);

    /* lua_pushthread / lua_tothread from inside a coroutine */
    co = lua_newthread(L);
    luaL_loadstring(co, "return coroutine.running()");
    CHECK_INT(lua_resume(co, 0), 0);
    CHECK(lua_tothread(co, -1) == co);
    lua_pop(L, 1);

    lua_close(L);
    DONE();
}
