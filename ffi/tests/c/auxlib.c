/* The auxiliary library: luaL_register, metatables and checkudata,
 * references, buffers, gsub, findtable, where, traceback, openlibs. */
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

typedef struct { double x, y; } Point;

static int point_new(lua_State *L) {
    Point *p = (Point *)lua_newuserdata(L, sizeof(Point));
    p->x = luaL_checknumber(L, 1);
    p->y = luaL_checknumber(L, 2);
    luaL_getmetatable(L, "test.Point");
    lua_setmetatable(L, -2);
    return 1;
}
static int point_x(lua_State *L) {
    Point *p = (Point *)luaL_checkudata(L, 1, "test.Point");
    lua_pushnumber(L, p->x);
    return 1;
}
static int point_tostring(lua_State *L) {
    Point *p = (Point *)luaL_checkudata(L, 1, "test.Point");
    lua_pushfstring(L, "Point(%f, %f)", p->x, p->y);
    return 1;
}
static const luaL_Reg point_funcs[] = {{"new", point_new}, {"x", point_x}, {NULL, NULL}};

static int upcount(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    return 1;
}

/* Builds a long string with the buffer functions, mixing every way in. */
static int build(lua_State *L) {
    int n = (int)luaL_checkinteger(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; i < n; i++) {
        luaL_addchar(&b, 'a' + i % 26);
        if (i % 1000 == 0) luaL_addstring(&b, "<k>");
        if (i % 3000 == 0) {
            lua_pushfstring(L, "[%d]", i);
            luaL_addvalue(&b);
        }
    }
    char *space = luaL_prepbuffer(&b);
    memcpy(space, "END", 3);
    luaL_addsize(&b, 3);
    luaL_pushresult(&b);
    return 1;
}

static int where1(lua_State *L) {
    luaL_where(L, 1);
    return 1;
}

static int traceback(lua_State *L) {
    luaL_traceback(L, L, "msg", 1);
    return 1;
}

int main(void) {
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_getglobal(L, "string");
    CHECK(lua_istable(L, -1));
    lua_getglobal(L, "bit");
    CHECK(lua_istable(L, -1));
    lua_getglobal(L, "jit");
    CHECK(lua_istable(L, -1));
    lua_settop(L, 0);

    /* luaL_register: a library table, global and in package.loaded */
    CHECK_INT(luaL_newmetatable(L, "test.Point"), 1);
    CHECK_INT(luaL_newmetatable(L, "test.Point"), 0);
    CHECK(lua_rawequal(L, 1, 2));
    lua_pushcfunction(L, point_tostring);
    lua_setfield(L, 1, "__tostring");
    lua_settop(L, 0);
    luaL_register(L, "point", point_funcs);
    CHECK(lua_istable(L, -1));
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L,
        "local p = point.new(1.5, 2)\n"
        "assert(point.x(p) == 1.5)\n"
        "assert(tostring(p) == 'Point(1.5, 2)', tostring(p))\n"
        "assert(package.loaded.point == point)\n"
        "assert(require('point') == point)\n"), 0);
    CHECK_INT(luaL_dostring(L, "point.x(io.stdout)"), 1);
    CHECK_STR(lua_tostring(L, -1), "[string \"point.x(io.stdout)\"]:1: bad argument #1 to 'x' (test.Point expected, got userdata)");
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L, "point.x(3)"), 1);
    CHECK_STR(lua_tostring(L, -1), "[string \"point.x(3)\"]:1: bad argument #1 to 'x' (test.Point expected, got number)");
    lua_pop(L, 1);
    /* nested library names and luaL_findtable */
    luaL_register(L, "a.b.c", point_funcs);
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L, "assert(type(a.b.c.new) == 'function')"), 0);
    lua_pushinteger(L, 1);
    lua_setglobal(L, "num");
    CHECK_STR(luaL_findtable(L, LUA_GLOBALSINDEX, "num.x", 1), "num.x");
    CHECK(luaL_findtable(L, LUA_GLOBALSINDEX, "fresh.t", 1) == NULL);
    CHECK(lua_istable(L, -1));
    lua_settop(L, 0);
    /* luaI_openlib with upvalues and a NULL name */
    lua_newtable(L);
    lua_pushstring(L, "shared");
    static const luaL_Reg with_up[] = {{"up", upcount}, {NULL, NULL}};
    luaL_openlib(L, NULL, with_up, 1);
    CHECK_INT(lua_gettop(L), 1);
    lua_getfield(L, 1, "up");
    lua_call(L, 0, 1);
    CHECK_STR(lua_tostring(L, -1), "shared");
    lua_settop(L, 0);

    /* getmetafield / callmeta */
    CHECK_INT(luaL_dostring(L, "obj = setmetatable({}, {name = 'N', __tostring = function() return 'OBJ' end})"), 0);
    lua_getglobal(L, "obj");
    CHECK_INT(luaL_getmetafield(L, 1, "name"), 1);
    CHECK_STR(lua_tostring(L, -1), "N");
    lua_pop(L, 1);
    CHECK_INT(luaL_getmetafield(L, 1, "nothing"), 0);
    CHECK_INT(lua_gettop(L), 1);
    CHECK_INT(luaL_callmeta(L, 1, "__tostring"), 1);
    CHECK_STR(lua_tostring(L, -1), "OBJ");
    CHECK_INT(luaL_callmeta(L, 1, "__nothing"), 0);
    lua_settop(L, 0);

    /* references: reuse of freed ones, nil */
    lua_newtable(L);
    lua_pushstring(L, "one");
    int r1 = luaL_ref(L, 1);
    lua_pushstring(L, "two");
    int r2 = luaL_ref(L, 1);
    CHECK(r1 > 0 && r2 > 0 && r1 != r2);
    lua_rawgeti(L, 1, r2);
    CHECK_STR(lua_tostring(L, -1), "two");
    lua_pop(L, 1);
    luaL_unref(L, 1, r1);
    lua_pushstring(L, "three");
    CHECK_INT(luaL_ref(L, 1), r1);
    lua_pushnil(L);
    CHECK_INT(luaL_ref(L, 1), LUA_REFNIL);
    luaL_unref(L, 1, LUA_NOREF);
    lua_pushstring(L, "reg");
    int rr = luaL_ref(L, LUA_REGISTRYINDEX);
#ifndef ON_LUAJIT /* Lua 5.1's compatibility macros (LuaJIT lacks them) */
    lua_getref(L, rr);
    CHECK_STR(lua_tostring(L, -1), "reg");
    lua_unref(L, rr);
#endif
    lua_settop(L, 0);

    /* buffers, past the buffer size and with many pieces */
    lua_register(L, "build", build);
    CHECK_INT(luaL_dostring(L,
        "local s = build(100000)\n"
        "assert(#s == 100000 + 3 * 100 + #table.concat((function() local t = {} for i = 0, 99999, 3000 do t[#t+1] = '[' .. i .. ']' end return t end)()) + 3, #s)\n"
        "assert(s:sub(1, 8) == 'a<k>[0]b' and s:sub(-3) == 'END')\n"
        "assert(build(0) == 'END')"), 0);

    /* gsub */
    CHECK_STR(luaL_gsub(L, "a.b.c", ".", "::"), "a::b::c");
    CHECK_STR(luaL_gsub(L, "xx", "yy", "z"), "xx");
    lua_settop(L, 0);

    /* luaL_where: the Lua caller's position; empty from the host */
    lua_register(L, "where1", where1);
    CHECK_INT(luaL_dostring(L, "\nw = where1()"), 0);
    lua_getglobal(L, "w");
    CHECK_STR(lua_tostring(L, -1), "[string \"...\"]:2: ");
    luaL_where(L, 1);
    CHECK_STR(lua_tostring(L, -1), "");
    lua_settop(L, 0);

    /* luaL_traceback */
    lua_register(L, "tb", traceback);
    CHECK_INT(luaL_dostring(L, "function f() t = tb() end f()"), 0);
    lua_getglobal(L, "t");
    const char *t = lua_tostring(L, -1);
    CHECK(strncmp(t, "msg\nstack traceback:\n\t[string \"function f() t = tb() end f()\"]:1: in function 'f'", 80) == 0);
    lua_settop(L, 0);

    /* luaL_checkstack */
    luaL_checkstack(L, 100, "room");

    /* each luaopen_* into a fresh state */
    lua_State *L2 = luaL_newstate();
    lua_CFunction openers[] = {luaopen_base, luaopen_table, luaopen_io, luaopen_os, luaopen_string,
                               luaopen_math, luaopen_debug, luaopen_package};
    const char *names[] = {"_G", "table", "io", "os", "string", "math", "debug", "package"};
    for (int i = 0; i < 8; i++) {
        lua_pushcfunction(L2, openers[i]);
        lua_pushstring(L2, names[i]);
        lua_call(L2, 1, 0);
        lua_getglobal(L2, names[i]);
        CHECK(lua_istable(L2, -1));
        lua_pop(L2, 1);
    }
    CHECK_INT(luaL_dostring(L2, "assert(string.rep('ab', 2) == 'abab' and math.floor(1.5) == 1)"), 0);
    lua_close(L2);

    lua_close(L);
    DONE();
}
