/* An error outside any protected call: the lua_atpanic function runs with
 * the error on the stack, then the process exits with status 1. */
#include <stdio.h>
#include "lua.h"
#include "lauxlib.h"

static int on_panic(lua_State *L) {
    printf("panic: %s\n", lua_tostring(L, -1));
    return 0;
}

int main(void) {
    lua_State *L = luaL_newstate();
    lua_atpanic(L, on_panic);
    lua_pushstring(L, "boom");
    lua_error(L);
    printf("not reached\n");
    return 0;
}
