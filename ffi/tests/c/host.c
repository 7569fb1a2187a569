/* An Nginx-style host: one event loop, N concurrent requests, each a
 * coroutine (lua_newthread) running a Lua handler that calls host
 * functions which yield for simulated I/O. The loop completes the I/O in a
 * scrambled order and resumes each request with the result; every
 * response is checked, threads are released after use, and the memory per
 * suspended coroutine is reported. */
#include <stdlib.h>
#include "check.h"
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

typedef struct {
    lua_State *co;
    int ref;       /* registry reference anchoring the thread */
    int id;
    int waiting;   /* an I/O is pending */
    int io_arg;    /* what the request asked for */
} Request;

static Request *reqs;

/* host.read(id, n): park the request until the event loop answers. */
static int host_read(lua_State *L) {
    int id = (int)luaL_checkinteger(L, 1);
    reqs[id].io_arg = (int)luaL_checkinteger(L, 2);
    reqs[id].waiting = 1;
    return lua_yield(L, 0);
}

static const char *handler_src =
    "local read = host.read\n"
    "function handler(id)\n"
    "  local parts = {}\n"
    "  for step = 1, 3 do\n"
    "    parts[step] = read(id, step)\n"
    "  end\n"
    "  return string.format('%d:%s', id, table.concat(parts, ','))\n"
    "end\n";

static unsigned long long rng = 88172645463325252ULL;
static unsigned next_rand(void) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (unsigned)rng;
}

static long heap_bytes(lua_State *L) {
    return (long)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + lua_gc(L, LUA_GCCOUNTB, 0);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    reqs = calloc((size_t)n, sizeof(Request));
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    static const luaL_Reg hostlib[] = {{"read", host_read}, {NULL, NULL}};
    luaL_register(L, "host", hostlib);
    lua_pop(L, 1);
    CHECK_INT(luaL_dostring(L, handler_src), 0);

    lua_gc(L, LUA_GCCOLLECT, 0);
    long before = heap_bytes(L);
    for (int i = 0; i < n; i++) {
        Request *r = &reqs[i];
        r->id = i;
        r->co = lua_newthread(L);
        r->ref = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_getglobal(r->co, "handler");
        lua_pushinteger(r->co, i);
        CHECK_INT(lua_resume(r->co, 1), LUA_YIELD);
        CHECK(r->waiting && r->io_arg == 1);
    }
    lua_gc(L, LUA_GCCOLLECT, 0);
    long parked = heap_bytes(L);
    printf("memory per suspended coroutine: %ld bytes (%d coroutines)\n", (parked - before) / n, n);

    /* The event loop: complete pending I/O in a scrambled order. */
    int done = 0, resumes = 0;
    int *order = malloc((size_t)n * sizeof(int));
    for (int i = 0; i < n; i++) order[i] = i;
    while (done < n) {
        for (int i = n - 1; i > 0; i--) {
            int j = (int)(next_rand() % (unsigned)(i + 1));
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        for (int k = 0; k < n; k++) {
            Request *r = &reqs[order[k]];
            if (!r->waiting) continue;
            /* Only some I/O completes in each round. */
            if (next_rand() % 3 == 0) continue;
            r->waiting = 0;
            lua_settop(r->co, 0);
            lua_pushfstring(r->co, "r%d.%d", r->id, r->io_arg);
            int st = lua_resume(r->co, 1);
            resumes++;
            if (st == LUA_YIELD) {
                CHECK(r->waiting);
                continue;
            }
            CHECK_INT(st, 0);
            char want[64];
            snprintf(want, sizeof want, "%d:r%d.1,r%d.2,r%d.3", r->id, r->id, r->id, r->id);
            CHECK_STR(lua_tostring(r->co, -1), want);
            luaL_unref(L, LUA_REGISTRYINDEX, r->ref);
            r->co = NULL;
            done++;
        }
    }
    CHECK_INT(resumes, 3 * n);
    lua_gc(L, LUA_GCCOLLECT, 0);
    long after = heap_bytes(L);
    printf("heap: %ld bytes before, %ld with all parked, %ld after all finished\n", before, parked, after);
    /* The finished threads were collected. */
    CHECK(after - before < (parked - before) / 4 + 65536);
    free(order);
    free(reqs);
    lua_close(L);
    DONE();
}
