/* Tables, userdata, metatables, environments, upvalues, the registry. */
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static int counter(lua_State *L) {
    /* upvalue 1 counts calls; upvalue 2 is a fixed tag */
    lua_Integer n = lua_tointeger(L, lua_upvalueindex(1)) + 1;
    lua_pushinteger(L, n);
    lua_replace(L, lua_upvalueindex(1));
    lua_pushinteger(L, n);
    lua_pushvalue(L, lua_upvalueindex(2));
    CHECK(lua_isnone(L, lua_upvalueindex(3)));
    return 2;
}

static int env_reader(lua_State *L) {
    lua_getfield(L, LUA_ENVIRONINDEX, "who");
    return 1;
}

static int index_mm(lua_State *L) {
    lua_pushfstring(L, "idx:%s", lua_tostring(L, 2));
    return 1;
}

int main(void) {
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);

    /* fields, raw access, integer keys */
    lua_createtable(L, 4, 4);
    lua_pushstring(L, "v");
    lua_setfield(L, 1, "k");
    lua_getfield(L, 1, "k");
    CHECK_STR(lua_tostring(L, -1), "v");
    lua_pop(L, 1);
    lua_pushinteger(L, 5);
    lua_pushstring(L, "five");
    lua_settable(L, 1);
    lua_pushinteger(L, 5);
    lua_gettable(L, 1);
    CHECK_STR(lua_tostring(L, -1), "five");
    lua_pop(L, 1);
    for (int i = 1; i <= 3; i++) {
        lua_pushinteger(L, i * 10);
        lua_rawseti(L, 1, i);
    }
    lua_rawgeti(L, 1, 2);
    CHECK_INT(lua_tointeger(L, -1), 20);
    lua_pop(L, 1);
    CHECK_INT(lua_objlen(L, 1), 3);
    lua_pushstring(L, "k");
    lua_rawget(L, 1);
    CHECK_STR(lua_tostring(L, -1), "v");
    lua_pop(L, 1);
    lua_pushstring(L, "r");
    lua_pushboolean(L, 1);
    lua_rawset(L, 1);
    lua_getfield(L, 1, "r");
    CHECK(lua_toboolean(L, -1));
    lua_pop(L, 1);

    /* lua_next visits every pair once */
    int pairs = 0;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        pairs++;
        lua_pop(L, 1);
    }
    CHECK_INT(pairs, 6);
    CHECK_INT(lua_gettop(L), 1);

    /* metatables with a C __index */
    lua_newtable(L);
    lua_pushcfunction(L, index_mm);
    lua_setfield(L, -2, "__index");
    CHECK_INT(lua_setmetatable(L, 1), 1);
    lua_getfield(L, 1, "missing");
    CHECK_STR(lua_tostring(L, -1), "idx:missing");
    lua_pop(L, 1);
    lua_pushstring(L, "missing");
    lua_rawget(L, 1);
    CHECK(lua_isnil(L, -1));
    lua_pop(L, 1);
    CHECK_INT(lua_getmetatable(L, 1), 1);
    lua_getfield(L, -1, "__index");
    CHECK(lua_tocfunction(L, -1) == index_mm);
    lua_pop(L, 2);
    lua_pushinteger(L, 1);
    CHECK_INT(lua_getmetatable(L, -1), 0);
    lua_pop(L, 1);
    /* strings share a metatable (the string library's) */
    lua_pushstring(L, "s");
    CHECK_INT(lua_getmetatable(L, -1), 1);
    lua_pop(L, 2);

    /* globals */
    lua_pushinteger(L, 123);
    lua_setglobal(L, "g");
    lua_getglobal(L, "g");
    CHECK_INT(lua_tointeger(L, -1), 123);
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L, "assert(g == 123) g = 'lua'"), 0);
    lua_getfield(L, LUA_GLOBALSINDEX, "g");
    CHECK_STR(lua_tostring(L, -1), "lua");
    lua_pop(L, 1);

    /* registry */
    lua_pushstring(L, "secret");
    lua_setfield(L, LUA_REGISTRYINDEX, "my.key");
    lua_getfield(L, LUA_REGISTRYINDEX, "my.key");
    CHECK_STR(lua_tostring(L, -1), "secret");
    lua_pop(L, 1);

    /* userdata: aligned zeroed memory, metatable, environment */
    double *d = (double *)lua_newuserdata(L, 3 * sizeof(double));
    CHECK(((size_t)d % 8) == 0);
    d[0] = 1; d[1] = 2; d[2] = 3;
    CHECK_INT(lua_type(L, -1), LUA_TUSERDATA);
    CHECK_INT(lua_objlen(L, -1), 3 * sizeof(double));
    CHECK(lua_touserdata(L, -1) == d);
    CHECK(lua_topointer(L, -1) == d);
    lua_newtable(L);
    lua_pushstring(L, "udenv");
    lua_setfield(L, -2, "name");
    CHECK_INT(lua_setfenv(L, -2), 1);
    lua_getfenv(L, -1);
    lua_getfield(L, -1, "name");
    CHECK_STR(lua_tostring(L, -1), "udenv");
    lua_pop(L, 3);
    void *empty = lua_newuserdata(L, 0);
    CHECK(empty != NULL);
    lua_pop(L, 1);

    /* C closures with upvalues */
    lua_pushinteger(L, 0);
    lua_pushstring(L, "tag");
    lua_pushcclosure(L, counter, 2);
    lua_setglobal(L, "counter");
    CHECK_INT(luaL_dostring(L, "counter() counter() local n, t = counter() assert(n == 3 and t == 'tag')"), 0);
    lua_getglobal(L, "counter");
    CHECK_STR(lua_getupvalue(L, -1, 1), "");
    CHECK_INT(lua_tointeger(L, -1), 3);
    lua_pop(L, 1);
    lua_pushinteger(L, 100);
    CHECK_STR(lua_setupvalue(L, -2, 1), "");
    CHECK(lua_getupvalue(L, -1, 3) == NULL);
    /* Lua's debug library sees exactly the closure's own two upvalues */
    CHECK_INT(luaL_dostring(L, "local n1, v1 = debug.getupvalue(counter, 1)\n"
                               "local n2, v2 = debug.getupvalue(counter, 2)\n"
                               "assert(n1 == '' and v1 == 100 and n2 == '' and v2 == 'tag')\n"
                               "assert(debug.getupvalue(counter, 3) == nil)\n"
                               "assert(debug.setupvalue(counter, 2, 'tag') == '')\n"
                               "assert(debug.getinfo(counter, 'u').nups == 2)"), 0);
    lua_call(L, 0, 1);
    CHECK_INT(lua_tointeger(L, -1), 101);
    lua_pop(L, 1);

    /* Lua closures' upvalues have names */
    CHECK_INT(luaL_dostring(L, "local up = 5 function f() return up end"), 0);
    lua_getglobal(L, "f");
    CHECK_STR(lua_getupvalue(L, -1, 1), "up");
    CHECK_INT(lua_tointeger(L, -1), 5);
    lua_pop(L, 2);

    /* C function environments */
    lua_pushcfunction(L, env_reader);
    lua_newtable(L);
    lua_pushstring(L, "env!");
    lua_setfield(L, -2, "who");
    CHECK_INT(lua_setfenv(L, -2), 1);
    lua_getfenv(L, -1);
    CHECK(lua_istable(L, -1));
    lua_pop(L, 1);
    lua_call(L, 0, 1);
    CHECK_STR(lua_tostring(L, -1), "env!");
    lua_pop(L, 1);

    /* setfenv on a Lua function changes its globals */
    CHECK_INT(luaL_loadstring(L, "return x"), 0);
    lua_newtable(L);
    lua_pushinteger(L, 77);
    lua_setfield(L, -2, "x");
    lua_setfenv(L, -2);
    lua_call(L, 0, 1);
    CHECK_INT(lua_tointeger(L, -1), 77);
    lua_pop(L, 1);

    /* newindex through Lua metamethods */
    CHECK_INT(luaL_dostring(L, "log = {} proxy = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k end})"), 0);
    lua_getglobal(L, "proxy");
    lua_pushinteger(L, 1);
    lua_setfield(L, -2, "a");
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L, "assert(log[1] == 'a' and rawget(proxy, 'a') == nil)"), 0);

    /* metamethods through lua_concat, lua_equal, lua_lessthan */
    CHECK_INT(luaL_dostring(L,
        "local mt = {__concat = function(a, b) return 'cat' end,\n"
        "            __eq = function(a, b) return true end,\n"
        "            __lt = function(a, b) return true end}\n"
        "m1 = setmetatable({}, mt) m2 = setmetatable({}, mt)"), 0);
    lua_getglobal(L, "m1");
    lua_getglobal(L, "m2");
    CHECK(lua_equal(L, -1, -2) && !lua_rawequal(L, -1, -2));
    CHECK(lua_lessthan(L, -1, -2));
    lua_pushstring(L, "x");
    lua_concat(L, 2);
    CHECK_STR(lua_tostring(L, -1), "cat");
    lua_pop(L, 2);

    CHECK_INT(lua_gettop(L), 1);
    lua_close(L);
    DONE();
}
