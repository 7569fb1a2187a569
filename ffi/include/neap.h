/* neap.h: Neap's extensions to the Lua 5.1 C API. */
#ifndef NEAP_H
#define NEAP_H

#include <stddef.h>

#include "lua.h"

#define NEAP_VERSION "Neap 0.1"

/* Flags for neap_newstate. */
#define NEAP_DETERMINISTIC 1  /* same string hash seeds on every run */

/* A state with the standard libraries closed, like luaL_newstate, made
 * with the given NEAP_* flags. */
LUA_API lua_State *neap_newstate(int flags);

/* Limits the heap to `bytes` (0: no limit). Passing the limit raises
 * "not enough memory" in the running script (LUA_ERRMEM for lua_pcall). */
LUA_API void neap_setmemorylimit(lua_State *L, size_t bytes);
/* Bytes the heap holds now. */
LUA_API size_t neap_memoryused(lua_State *L);

/* Stops the running script with "instruction budget exhausted" after about
 * `ticks` interpreter ticks (loop iterations and calls; checked every 1000).
 * 0 removes the budget. */
LUA_API void neap_setbudget(lua_State *L, long long ticks);
/* Asks the running script to stop with the error "interrupted" at its next
 * check. Safe to call from another thread or a signal handler. */
LUA_API void neap_interrupt(lua_State *L);

/* JIT modes for neap_jitmode. */
#define NEAP_JIT_OFF 0
#define NEAP_JIT_ON  1
/* Sets the JIT mode; returns 0 on success, -1 if the JIT is unavailable
 * (a state gets the JIT with luaL_openlibs; before that only "off" works). */
LUA_API int neap_jitmode(lua_State *L, int mode);

/* Deterministic mode: returns 1 if the state hashes strings with fixed
 * seeds (made by neap_newstate with NEAP_DETERMINISTIC), else 0. */
LUA_API int neap_isdeterministic(lua_State *L);

#endif
