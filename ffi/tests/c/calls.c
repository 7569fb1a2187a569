/* Calls, loading, and errors: lua_error and luaL_error unwinding through C
 * frames to the nearest lua_pcall, the luaL_check* messages, __gc errors. */
#include <stdio.h>
#include <unistd.h>
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static int after_call_ran = 0;

static int check_number(lua_State *L) {
    lua_pushnumber(L, luaL_checknumber(L, 1) * 2);
    return 1;
}
static int check_int(lua_State *L) {
    lua_pushinteger(L, luaL_checkinteger(L, 1));
    return 1;
}
static int check_string(lua_State *L) {
    size_t n;
    luaL_checklstring(L, 1, &n);
    lua_pushinteger(L, (lua_Integer)n);
    return 1;
}
static int check_table(lua_State *L) {
    luaL_checktype(L, 2, LUA_TTABLE);
    return 0;
}
static int check_any(lua_State *L) {
    luaL_checkany(L, 1);
    return 0;
}
static int opt_args(lua_State *L) {
    lua_pushnumber(L, luaL_optnumber(L, 1, 1.5));
    lua_pushinteger(L, luaL_optinteger(L, 2, 7));
    lua_pushstring(L, luaL_optstring(L, 3, "def"));
    return 3;
}
static int check_option(lua_State *L) {
    static const char *const opts[] = {"alpha", "beta", NULL};
    lua_pushinteger(L, luaL_checkoption(L, 1, "beta", opts));
    return 1;
}
static int custom_error(lua_State *L) {
    return luaL_error(L, "custom %d %s", 5, "five");
}
static int raise_value(lua_State *L) {
    lua_newtable(L);
    lua_pushstring(L, "payload");
    lua_setfield(L, -2, "what");
    return lua_error(L);
}
static int arg_error(lua_State *L) {
    return luaL_argerror(L, 2, "my message");
}
/* Calls its argument unprotected: errors pass through this C frame. */
static int call_through(lua_State *L) {
    lua_pushvalue(L, 1);
    lua_call(L, 0, 0);
    after_call_ran = 1;
    return 0;
}
/* Calls its argument protected, returns status and message. */
static int pcall_inside(lua_State *L) {
    lua_pushvalue(L, 1);
    int status = lua_pcall(L, 0, 0, 0);
    lua_pushinteger(L, status);
    lua_insert(L, -2);
    return 2;
}
static int gc_raises(lua_State *L) {
    int *flag = (int *)lua_touserdata(L, lua_upvalueindex(1));
    (*flag)++;
    return luaL_error(L, "error in __gc");
}
static int handler(lua_State *L) {
    lua_pushfstring(L, "handled: %s", lua_tostring(L, 1));
    return 1;
}
static int cp_body(lua_State *L) {
    int *p = (int *)lua_touserdata(L, 1);
    *p = 42;
    lua_pushstring(L, "cp");
    return lua_error(L);
}

typedef struct { const char *parts[4]; int i; } Reader;
static const char *read_parts(lua_State *L, void *ud, size_t *size) {
    Reader *r = (Reader *)ud;
    (void)L;
    const char *p = r->parts[r->i];
    if (p == NULL) return NULL;
    r->i++;
    *size = strlen(p);
    return p;
}

static void reg(lua_State *L, const char *name, lua_CFunction f) {
    lua_register(L, name, f);
}

/* Runs `code` protected; returns the error message or "ok". */
static const char *run(lua_State *L, const char *code) {
    lua_settop(L, 0);
    if (luaL_loadstring(L, code) != 0) return lua_tostring(L, -1);
    if (lua_pcall(L, 0, 0, 0) != 0) return lua_tostring(L, -1);
    return "ok";
}

int main(void) {
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    reg(L, "checknumber", check_number);
    reg(L, "checkint", check_int);
    reg(L, "checkstring", check_string);
    reg(L, "checktable", check_table);
    reg(L, "checkany", check_any);
    reg(L, "optargs", opt_args);
    reg(L, "checkoption", check_option);
    reg(L, "customerror", custom_error);
    reg(L, "raisevalue", raise_value);
    reg(L, "argerror", arg_error);
    reg(L, "callthrough", call_through);
    reg(L, "pcallinside", pcall_inside);

    /* luaL_check* messages, with the caller's position */
    CHECK_STR(run(L, "checknumber('x')"),
              "[string \"checknumber('x')\"]:1: bad argument #1 to 'checknumber' (number expected, got string)");
    CHECK_STR(run(L, "checkint()"),
              "[string \"checkint()\"]:1: bad argument #1 to 'checkint' (number expected, got no value)");
    CHECK_STR(run(L, "checkstring({})"),
              "[string \"checkstring({})\"]:1: bad argument #1 to 'checkstring' (string expected, got table)");
    CHECK_STR(run(L, "checktable(1, 2)"),
              "[string \"checktable(1, 2)\"]:1: bad argument #2 to 'checktable' (table expected, got number)");
    CHECK_STR(run(L, "checkany()"), "[string \"checkany()\"]:1: bad argument #1 to 'checkany' (value expected)");
    CHECK_STR(run(L, "checkoption('zzz')"),
              "[string \"checkoption('zzz')\"]:1: bad argument #1 to 'checkoption' (invalid option 'zzz')");
    CHECK_STR(run(L, "local t = {f = checknumber}\nt.f(nil)"),
              "[string \"local t = {f = checknumber}...\"]:2: bad argument #1 to 'f' (number expected, got nil)");
    CHECK_STR(run(L, "local o = {m = checktable}\no:m(5)"),
              "[string \"local o = {m = checktable}...\"]:2: bad argument #1 to 'm' (table expected, got number)");
    CHECK_STR(run(L, "local o = {m = checknumber}\no:m()"),
              "[string \"local o = {m = checknumber}...\"]:2: calling 'm' on bad self (number expected, got table)");
    CHECK_STR(run(L, "argerror()"), "[string \"argerror()\"]:1: bad argument #2 to 'argerror' (my message)");
    CHECK_STR(run(L, "assert(checknumber('21') == 42) assert(checkint(3.9) == 3) assert(checkstring(12) == 2)"), "ok");
    CHECK_STR(run(L, "local a, b, c = optargs() assert(a == 1.5 and b == 7 and c == 'def')"
                     " a, b, c = optargs(2, 3, 'x') assert(a == 2 and b == 3 and c == 'x')"), "ok");
    CHECK_STR(run(L, "assert(checkoption('alpha') == 0 and checkoption() == 1)"), "ok");

    /* luaL_error: position of the calling Lua code */
    CHECK_STR(run(L, "\n\ncustomerror()"), "[string \"...\"]:3: custom 5 five");
    /* lua_error with a non-string value */
    CHECK_STR(run(L, "local ok, e = pcall(raisevalue) assert(not ok and e.what == 'payload')"), "ok");

    /* called from the host: no Lua position, no function name */
    lua_pushcfunction(L, custom_error);
    CHECK_INT(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
    CHECK_STR(lua_tostring(L, -1), "custom 5 five");
    lua_pushcfunction(L, check_number);
    lua_pushstring(L, "y");
    CHECK_INT(lua_pcall(L, 1, 1, 0), LUA_ERRRUN);
    CHECK_STR(lua_tostring(L, -1), "bad argument #1 to '?' (number expected, got string)");

    /* errors unwind through C frames (lua_call inside a C function) to
       the nearest pcall, skipping the rest of those C functions */
    after_call_ran = 0;
    CHECK_STR(run(L, "local ok, e = pcall(callthrough, function() callthrough(customerror) end)\n"
                     "assert(not ok and e:find('custom 5 five'), e)"), "ok");
    CHECK_INT(after_call_ran, 0);
    CHECK_STR(run(L, "callthrough(function() error('deep', 0) end)"), "deep");
    CHECK_INT(after_call_ran, 0);
    /* a lua_pcall inside a C function catches errors from the C frames it called */
    CHECK_STR(run(L, "local st, msg = pcallinside(function() callthrough(raisevalue) end)\n"
                     "assert(st == 2 and msg.what == 'payload')\n"
                     "local st2, msg2 = pcallinside(function() pcallinside(customerror) error('after', 0) end)\n"
                     "assert(st2 == 2 and msg2 == 'after')"), "ok");
    /* nested host pcall levels: each catches its own */
    lua_settop(L, 0);
    lua_pushcfunction(L, pcall_inside);
    lua_pushcfunction(L, raise_value);
    CHECK_INT(lua_pcall(L, 1, 2, 0), 0);
    CHECK_INT(lua_tointeger(L, 1), LUA_ERRRUN);
    CHECK(lua_istable(L, 2));
    /* runtime errors from Lua code */
    CHECK_STR(run(L, "local x = nil; x.y = 1"), "[string \"local x = nil; x.y = 1\"]:1: attempt to index local 'x' (a nil value)");

    /* lua_pcall with a message handler (Lua or C), and results */
    lua_settop(L, 0);
    lua_pushcfunction(L, handler);
    luaL_loadstring(L, "error('oops', 0)");
    CHECK_INT(lua_pcall(L, 0, 0, 1), LUA_ERRRUN);
    CHECK_STR(lua_tostring(L, -1), "handled: oops");
    lua_settop(L, 0);
    luaL_loadstring(L, "return function() local x = {} .. 1 end");
    lua_call(L, 0, 1);
    lua_getglobal(L, "debug");
    lua_getfield(L, -1, "traceback");
    lua_remove(L, -2);
    lua_insert(L, 1);
    CHECK_INT(lua_pcall(L, 0, 0, 1), LUA_ERRRUN);
    CHECK(strstr(lua_tostring(L, -1), "attempt to concatenate") != NULL);
    CHECK(strstr(lua_tostring(L, -1), "stack traceback:") != NULL);
    lua_settop(L, 0);
    luaL_loadstring(L, "return 1, 2, 3");
    CHECK_INT(lua_pcall(L, 0, LUA_MULTRET, 0), 0);
    CHECK_INT(lua_gettop(L), 3);
    lua_settop(L, 0);
    luaL_loadstring(L, "return ...");
    lua_pushinteger(L, 1);
    lua_pushinteger(L, 2);
    CHECK_INT(lua_pcall(L, 2, 5, 0), 0);
    CHECK_INT(lua_gettop(L), 5);
    CHECK_INT(lua_tointeger(L, 2), 2);
    CHECK(lua_isnil(L, 5));
    lua_settop(L, 0);
    lua_pushnil(L);
    CHECK_INT(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
    CHECK_STR(lua_tostring(L, -1), "attempt to call a nil value");

    /* lua_cpcall */
    lua_settop(L, 0);
    int value = 0;
    CHECK_INT(lua_cpcall(L, cp_body, &value), LUA_ERRRUN);
    CHECK_INT(value, 42);
    CHECK_STR(lua_tostring(L, -1), "cp");

    /* lua_load with a reader, in pieces */
    lua_settop(L, 0);
    Reader r = {{"return 4", "0 + ", "2", NULL}, 0};
    CHECK_INT(lua_load(L, read_parts, &r, "=pieces"), 0);
    lua_call(L, 0, 1);
    CHECK_INT(lua_tointeger(L, -1), 42);
    /* syntax errors */
    lua_settop(L, 0);
    CHECK_INT(luaL_loadbuffer(L, "x = = 1", 7, "=buf"), LUA_ERRSYNTAX);
    CHECK_STR(lua_tostring(L, -1), "buf:1: unexpected symbol near '='");
    CHECK_INT(luaL_dostring(L, "return +"), 1);
    /* files */
    lua_settop(L, 0);
    FILE *f = fopen("capi_test_chunk.lua", "w");
    fputs("#!/usr/bin/lua\nlocal a = ...\nreturn (a or 0) + 1\n", f);
    fclose(f);
    CHECK_INT(luaL_loadfile(L, "capi_test_chunk.lua"), 0);
    lua_pushinteger(L, 9);
    lua_call(L, 1, 1);
    CHECK_INT(lua_tointeger(L, -1), 10);
    CHECK_INT(luaL_dofile(L, "capi_test_chunk.lua"), 0);
    CHECK_INT(lua_tointeger(L, -1), 1);
    remove("capi_test_chunk.lua");
    lua_settop(L, 0);
    CHECK_INT(luaL_loadfile(L, "/nonexistent/x.lua"), LUA_ERRFILE);
    CHECK_STR(lua_tostring(L, -1), "cannot open /nonexistent/x.lua: No such file or directory");
    CHECK_INT(luaL_dofile(L, "/nonexistent/x.lua"), 1);

    /* errors in __gc: the finalizer runs, the error does not break the state */
    lua_settop(L, 0);
    int gc_runs = 0;
    for (int i = 0; i < 3; i++) {
        lua_newuserdata(L, 16);
        lua_newtable(L);
        lua_pushlightuserdata(L, &gc_runs);
        lua_pushcclosure(L, gc_raises, 1);
        lua_setfield(L, -2, "__gc");
        lua_setmetatable(L, -2);
        lua_pop(L, 1);
    }
    /* an error value that is no string shows as "?" */
    CHECK_INT(luaL_dostring(L, "getmetatable(newproxy(true)).__gc = function() error({}) end"), 0);
    /* luaL_newstate's states print each error on stderr, as LuaJIT's do */
    fflush(stderr);
    int saved_stderr = dup(2);
    FILE *err_file = tmpfile();
    CHECK(err_file != NULL);
    dup2(fileno(err_file), 2);
    lua_gc(L, LUA_GCCOLLECT, 0);
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    char err_text[256] = {0};
    rewind(err_file);
    CHECK(fread(err_text, 1, sizeof err_text - 1, err_file) > 0);
    fclose(err_file);
    CHECK_STR(err_text, "ERROR in finalizer: ?\n"
                        "ERROR in finalizer: error in __gc\n"
                        "ERROR in finalizer: error in __gc\n"
                        "ERROR in finalizer: error in __gc\n");
    CHECK_INT(gc_runs, 3);
    CHECK_STR(run(L, "return 1"), "ok");

    /* one more, left for lua_close to finalize */
    lua_newuserdata(L, 8);
    lua_newtable(L);
    lua_pushlightuserdata(L, &gc_runs);
    lua_pushcclosure(L, gc_raises, 1);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_setglobal(L, "keep");

    /* lua_gc */
    CHECK(lua_gc(L, LUA_GCCOUNT, 0) >= 0);
    CHECK(lua_gc(L, LUA_GCCOUNTB, 0) >= 0);
    lua_gc(L, LUA_GCSTOP, 0);
    lua_gc(L, LUA_GCRESTART, 0);
    CHECK(lua_gc(L, LUA_GCSTEP, 0) >= 0);
    int old = lua_gc(L, LUA_GCSETPAUSE, 150);
    CHECK_INT(lua_gc(L, LUA_GCSETPAUSE, old), 150);

    lua_close(L);
    CHECK_INT(gc_runs, 4);
    DONE();
}
