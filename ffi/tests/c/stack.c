/* The stack, access and push functions. */
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static int two_results(lua_State *L) {
    lua_pushinteger(L, lua_gettop(L));
    lua_pushstring(L, "x");
    return 2;
}

int main(void) {
    lua_State *L = luaL_newstate();
    CHECK(L != NULL);
    CHECK_INT(lua_gettop(L), 0);

    /* push and type */
    lua_pushnil(L);
    lua_pushnumber(L, 1.5);
    lua_pushinteger(L, 42);
    lua_pushlstring(L, "a\0b", 3);
    lua_pushstring(L, "hello");
    lua_pushboolean(L, 7);
    lua_pushlightuserdata(L, (void *)L);
    lua_pushcfunction(L, two_results);
    CHECK_INT(lua_pushthread(L), 1);
    lua_newtable(L);
    CHECK_INT(lua_gettop(L), 10);
    CHECK_INT(lua_type(L, 1), LUA_TNIL);
    CHECK_INT(lua_type(L, 2), LUA_TNUMBER);
    CHECK_INT(lua_type(L, 4), LUA_TSTRING);
    CHECK_INT(lua_type(L, 6), LUA_TBOOLEAN);
    CHECK_INT(lua_type(L, 7), LUA_TLIGHTUSERDATA);
    CHECK_INT(lua_type(L, 8), LUA_TFUNCTION);
    CHECK_INT(lua_type(L, 9), LUA_TTHREAD);
    CHECK_INT(lua_type(L, 10), LUA_TTABLE);
    CHECK_INT(lua_type(L, -1), LUA_TTABLE);
    CHECK_INT(lua_type(L, 11), LUA_TNONE);
    CHECK_STR(lua_typename(L, LUA_TNONE), "no value");
    CHECK_STR(lua_typename(L, LUA_TNIL), "nil");
    CHECK_STR(lua_typename(L, LUA_TLIGHTUSERDATA), "userdata");
    CHECK_STR(luaL_typename(L, 9), "thread");
    CHECK(lua_isnil(L, 1) && lua_isnumber(L, 2) && lua_isstring(L, 3) && lua_isstring(L, 4));
    CHECK(!lua_isnumber(L, 5) && lua_isboolean(L, 6) && lua_islightuserdata(L, 7));
    CHECK(lua_isuserdata(L, 7) && lua_iscfunction(L, 8) && lua_isfunction(L, 8) && lua_isthread(L, 9));
    CHECK(lua_istable(L, 10) && lua_isnone(L, 11) && lua_isnoneornil(L, 1) && !lua_isnoneornil(L, 2));

    /* to* */
    CHECK(lua_tonumber(L, 2) == 1.5);
    CHECK_INT(lua_tointeger(L, 2), 1);
    CHECK_INT(lua_tointeger(L, 3), 42);
    CHECK(lua_tonumber(L, 5) == 0);
    CHECK_INT(lua_toboolean(L, 6), 1);
    CHECK_INT(lua_toboolean(L, 1), 0);
    CHECK_INT(lua_toboolean(L, 2), 1);
    size_t len = 0;
    const char *s = lua_tolstring(L, 4, &len);
    CHECK_INT(len, 3);
    CHECK(memcmp(s, "a\0b", 4) == 0); /* NUL-terminated too */
    CHECK_STR(lua_tostring(L, 5), "hello");
    CHECK_INT(lua_objlen(L, 5), 5);
    CHECK(lua_tostring(L, 1) == NULL);
    /* numbers convert in place */
    CHECK_STR(lua_tostring(L, 2), "1.5");
    CHECK_INT(lua_type(L, 2), LUA_TSTRING);
    CHECK_INT(lua_objlen(L, 3), 2);
    CHECK_INT(lua_type(L, 3), LUA_TSTRING);
    CHECK(lua_touserdata(L, 7) == (void *)L);
    CHECK(lua_touserdata(L, 5) == NULL);
    CHECK(lua_tocfunction(L, 8) == two_results);
    CHECK(lua_tothread(L, 9) == L);
    CHECK(lua_topointer(L, 10) != NULL);
    CHECK(lua_topointer(L, 7) == (void *)L);
    CHECK(lua_topointer(L, 1) == NULL);
    CHECK(lua_topointer(L, 2) != NULL); /* strings too, as LuaJIT 2.1 */

    /* settop, pushvalue, remove, insert, replace */
    lua_settop(L, 0);
    for (int i = 1; i <= 5; i++) lua_pushinteger(L, i);
    lua_pushvalue(L, 2);
    CHECK_INT(lua_tointeger(L, -1), 2);
    lua_remove(L, 1); /* 2 3 4 5 2 */
    CHECK_INT(lua_tointeger(L, 1), 2);
    CHECK_INT(lua_gettop(L), 5);
    lua_pushinteger(L, 9);
    lua_insert(L, 2); /* 2 9 3 4 5 2 */
    CHECK_INT(lua_tointeger(L, 2), 9);
    CHECK_INT(lua_tointeger(L, 3), 3);
    lua_pushinteger(L, 7);
    lua_replace(L, 1); /* 7 9 3 4 5 2 */
    CHECK_INT(lua_tointeger(L, 1), 7);
    CHECK_INT(lua_gettop(L), 6);
    lua_settop(L, 8);
    CHECK(lua_isnil(L, 7) && lua_isnil(L, 8));
    lua_pop(L, 3);
    CHECK_INT(lua_gettop(L), 5);
    CHECK_INT(lua_tointeger(L, -1), 5);
    CHECK(lua_checkstack(L, 1000));
    CHECK(!lua_checkstack(L, 1000000));

    /* comparisons */
    lua_settop(L, 0);
    lua_pushinteger(L, 1);
    lua_pushnumber(L, 1.0);
    lua_pushstring(L, "1");
    lua_pushinteger(L, 2);
    CHECK(lua_equal(L, 1, 2) && lua_rawequal(L, 1, 2));
    CHECK(!lua_equal(L, 1, 3) && !lua_rawequal(L, 1, 3));
    CHECK(lua_lessthan(L, 1, 4) && !lua_lessthan(L, 4, 1));
    CHECK(!lua_equal(L, 1, 10) && !lua_lessthan(L, 1, 10));

    /* concat and formatted strings */
    lua_settop(L, 0);
    lua_pushstring(L, "a");
    lua_pushinteger(L, 1);
    lua_pushstring(L, "b");
    lua_concat(L, 3);
    CHECK_STR(lua_tostring(L, -1), "a1b");
    lua_concat(L, 0);
    CHECK_STR(lua_tostring(L, -1), "");
    CHECK_INT(lua_gettop(L), 2);
    CHECK_STR(lua_pushfstring(L, "%s=%d %f%% %c|%s", "x", 42, 2.5, 'z', NULL), "x=42 2.5% z|(null)");
    char buf[64];
    snprintf(buf, sizeof buf, "p=%p", (void *)&len);
    CHECK_STR(lua_pushfstring(L, "p=%p", (void *)&len), buf);
    CHECK_INT(lua_gettop(L), 4);

    /* xmove between threads */
    lua_settop(L, 0);
    lua_State *co = lua_newthread(L);
    lua_pushinteger(L, 10);
    lua_pushinteger(L, 20);
    lua_xmove(L, co, 2);
    CHECK_INT(lua_gettop(L), 1);
    CHECK_INT(lua_gettop(co), 2);
    CHECK_INT(lua_tointeger(co, -1), 20);
    lua_xmove(co, L, 1);
    CHECK_INT(lua_tointeger(L, -1), 20);

    /* a C function's own stack starts at its arguments */
    lua_settop(L, 0);
    lua_pushinteger(L, 99);
    lua_pushcfunction(L, two_results);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_call(L, 3, 2);
    CHECK_INT(lua_gettop(L), 3);
    CHECK_INT(lua_tointeger(L, 2), 3);
    CHECK_STR(lua_tostring(L, 3), "x");
    CHECK_INT(lua_tointeger(L, 1), 99);

    lua_close(L);
    DONE();
}
