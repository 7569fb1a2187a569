/* The debug interface (lua_getstack, lua_getinfo, locals, upvalues, hooks)
 * and the remaining state functions (lua_newstate with an allocator,
 * lua_getallocf/lua_setallocf, lua_dump). */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static char info[512];

/* Describes levels 0..2 from inside a C function called from Lua. */
static int inspect(lua_State *L) {
    lua_Debug ar;
    char *p = info;
    for (int level = 0; lua_getstack(L, level, &ar) && level < 3; level++) {
        CHECK(lua_getinfo(L, "Sln", &ar));
        p += snprintf(p, info + sizeof info - p, "%d:%s:%s:%d:%s:%s;", level, ar.what, ar.short_src,
                      ar.currentline, ar.name ? ar.name : "-", ar.namewhat);
    }
    /* locals of the calling Lua function */
    CHECK(lua_getstack(L, 1, &ar));
    const char *name = lua_getlocal(L, &ar, 1);
    CHECK_STR(name, "a");
    CHECK_INT(lua_tointeger(L, -1), 10);
    lua_pop(L, 1);
    CHECK_STR(lua_getlocal(L, &ar, 2), "b");
    lua_pop(L, 1);
    lua_pushinteger(L, 99);
    CHECK_STR(lua_setlocal(L, &ar, 2), "b");
    CHECK(lua_getlocal(L, &ar, 50) == NULL);
    CHECK(!lua_getstack(L, 50, &ar));
    return 0;
}

static void hook(lua_State *L, lua_Debug *ar) { (void)L; (void)ar; }

static int allocs = 0;
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    (void)ud; (void)osize;
    if (nsize == 0) { free(ptr); return NULL; }
    allocs++;
    return realloc(ptr, nsize);
}

/* Appends what lua_dump writes to a buffer. */
static char dump_buf[4096];
static size_t dump_len;
static int writer(lua_State *L, const void *p, size_t sz, void *ud) {
    (void)L; (void)ud;
    if (dump_len + sz > sizeof dump_buf) return 1;
    memcpy(dump_buf + dump_len, p, sz);
    dump_len += sz;
    return 0;
}

int main(void) {
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_register(L, "inspect", inspect);
    CHECK_INT(luaL_loadbuffer(L,
        "local function f(a)\n"
        "  local b = a + 1\n"
        "  inspect()\n"
        "  return b\n"
        "end\n"
        "result = f(10)\n", 79, "=dbg"), 0);
    lua_call(L, 0, 0);
    CHECK_STR(info, "0:C:[C]:-1:inspect:global;1:Lua:dbg:3:f:local;2:main:dbg:6:-:;");
    lua_getglobal(L, "result");
    CHECK_INT(lua_tointeger(L, -1), 99);
    lua_pop(L, 1);

    /* lua_getinfo with '>' on a function value */
    lua_Debug ar;
    CHECK_INT(luaL_dostring(L, "function g(x, y)\n  return x\nend"), 0);
    lua_getglobal(L, "g");
    CHECK(lua_getinfo(L, ">Su", &ar));
    CHECK_STR(ar.what, "Lua");
    CHECK_INT(ar.linedefined, 1);
    CHECK_INT(ar.lastlinedefined, 3);
    CHECK_INT(ar.nups, 0);
    CHECK_STR(ar.short_src, "[string \"function g(x, y)...\"]");
    lua_pushcfunction(L, inspect);
    CHECK(lua_getinfo(L, ">S", &ar));
    CHECK_STR(ar.what, "C");
    CHECK_STR(ar.source, "=[C]");
    CHECK_INT(lua_gettop(L), 0);
    /* the host level has no stack levels */
    CHECK(!lua_getstack(L, 0, &ar));

    /* hooks are recorded */
    CHECK(lua_gethook(L) == NULL);
    lua_sethook(L, hook, LUA_MASKCOUNT, 1000);
    CHECK(lua_gethook(L) == hook);
    CHECK_INT(lua_gethookmask(L), LUA_MASKCOUNT);
    CHECK_INT(lua_gethookcount(L), 1000);
    lua_sethook(L, NULL, 0, 0);
    CHECK(lua_gethook(L) == NULL);
    CHECK_INT(lua_gethookmask(L), 0);

    /* lua_dump writes LuaJIT's bytecode, which lua_load reads back */
    luaL_loadstring(L, "local a, b = ... return a * b + 1");
    CHECK_INT(lua_dump(L, writer, NULL), 0);
    lua_pop(L, 1);
    CHECK(dump_len > 4 && memcmp(dump_buf, "\033LJ", 3) == 0);
    CHECK_INT(luaL_loadbuffer(L, dump_buf, dump_len, "=dumped"), 0);
    lua_pushinteger(L, 6);
    lua_pushinteger(L, 7);
    CHECK_INT(lua_pcall(L, 2, 1, 0), 0);
    CHECK_INT(lua_tointeger(L, -1), 43);
    lua_pop(L, 1);
    CHECK_INT(luaL_loadbuffer(L, dump_buf, dump_len - 1, "=cut"), LUA_ERRSYNTAX);
    CHECK_STR(lua_tostring(L, -1), "cut: cannot load malformed bytecode");
    lua_pop(L, 1);
    lua_pushcfunction(L, inspect);
    CHECK_INT(lua_dump(L, writer, NULL), 1);
    lua_pop(L, 1);

    /* allocators */
    void *ud = (void *)1;
    lua_Alloc f = lua_getallocf(L, &ud);
    CHECK(f != NULL);
    void *block = f(ud, NULL, 0, 64);
    CHECK(block != NULL);
    f(ud, block, 64, 0);
    lua_setallocf(L, f, ud);
    CHECK(lua_getallocf(L, NULL) == f);
    lua_close(L);

    /* a state with the host's allocator works (LuaJIT's GC64 builds and
     * PUC Lua allocate through it; Neap records it: see ffi/README.md) */
    lua_State *L2 = lua_newstate(counting_alloc, NULL);
    CHECK(L2 != NULL);
    CHECK(lua_getallocf(L2, NULL) == counting_alloc);
    luaL_openlibs(L2);
    CHECK_INT(luaL_dostring(L2, "x = 1"), 0);
    CHECK_INT(luaL_dostring(L2, "error(setmetatable({}, {}))"), 1);
    lua_pop(L2, 1);
    lua_close(L2);
    DONE();
}
