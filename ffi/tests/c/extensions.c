/* Neap's extensions (neap.h): memory limit, instruction budget, interrupt,
 * JIT mode, deterministic mode. */
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "neap.h"

static lua_State *interrupt_target;
static int interrupt_now(lua_State *L) {
    (void)L;
    neap_interrupt(interrupt_target);
    return 0;
}

int main(void) {
    lua_State *L = neap_newstate(NEAP_DETERMINISTIC);
    luaL_openlibs(L);
    CHECK_INT(neap_isdeterministic(L), 1);

    /* memory limit: a script that grows past it gets LUA_ERRMEM, and the
       state stays usable */
    neap_setmemorylimit(L, 4 << 20);
    CHECK(neap_memoryused(L) > 0);
    CHECK_INT(luaL_loadstring(L, "local t = {} for i = 1, 1e7 do t[i] = {} end"), 0);
    CHECK_INT(lua_pcall(L, 0, 0, 0), LUA_ERRMEM);
    CHECK_STR(lua_tostring(L, -1), "not enough memory");
    lua_pop(L, 1);
    neap_setmemorylimit(L, 0);
    CHECK_INT(luaL_dostring(L, "local t = {} for i = 1, 1e5 do t[i] = {} end"), 0);

    /* instruction budget */
    neap_setbudget(L, 100000);
    CHECK_INT(luaL_dostring(L, "while true do end"), 1);
    CHECK(strstr(lua_tostring(L, -1), "instruction budget exhausted") != NULL);
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L, "for i = 1, 10 do end"), 0);

    /* interrupt, raised from inside the running script */
    interrupt_target = L;
    lua_register(L, "interrupt_now", interrupt_now);
    neap_setbudget(L, 0);
    CHECK_INT(luaL_dostring(L, "interrupt_now() while true do end"), 1);
    CHECK(strstr(lua_tostring(L, -1), "interrupted") != NULL);
    lua_pop(L, 1);

    /* JIT mode: off, then on again (luaL_openlibs brought the JIT) */
    CHECK_INT(neap_jitmode(L, NEAP_JIT_OFF), 0);
    CHECK_INT(luaL_dostring(L, "assert(jit.status() == false)"), 0);
    CHECK_INT(neap_jitmode(L, NEAP_JIT_ON), 0);
    CHECK_INT(luaL_dostring(L, "assert(jit.status() == true)"), 0);
    lua_close(L);

    lua_State *L2 = luaL_newstate();
    /* without the libraries there is no JIT to switch on */
    CHECK_INT(neap_jitmode(L2, NEAP_JIT_ON), -1);
    CHECK_INT(neap_isdeterministic(L2), 0);
    lua_close(L2);
    DONE();
}
