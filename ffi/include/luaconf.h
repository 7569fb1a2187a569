/* luaconf.h: build configuration of Neap's Lua 5.1 C API.
 *
 * Neap is a Rust VM; these settings describe the ABI it exposes to C,
 * which is that of a stock Lua 5.1 build on Linux (Debian's lua5.1):
 * double numbers, ptrdiff_t integers, BUFSIZ-sized auxiliary buffers. */
#ifndef NEAP_LUACONF_H
#define NEAP_LUACONF_H

#include <limits.h>
#include <stddef.h>

/* Symbol visibility of the API. */
#define LUA_API     extern
#define LUALIB_API  LUA_API
#define LUAI_FUNC   extern
#define LUAI_DATA   extern

/* Number types. */
#define LUA_NUMBER          double
#define LUA_INTEGER         ptrdiff_t
#define LUAI_UACNUMBER      double
#define LUA_NUMBER_SCAN     "%lf"
#define LUA_NUMBER_FMT      "%.14g"
#define LUAI_MAXNUMBER2STR  32
#define lua_number2str(s, n) sprintf((s), LUA_NUMBER_FMT, (n))
#define lua_str2number(s, p) strtod((s), (p))
#define lua_number2int(i, d)     ((i) = (int)(d))
#define lua_number2integer(i, d) ((i) = (lua_Integer)(d))

/* Paths and separators, as Lua 5.1 on Linux. */
#define LUA_ROOT   "/usr/local/"
#define LUA_LDIR   LUA_ROOT "share/lua/5.1/"
#define LUA_CDIR   LUA_ROOT "lib/lua/5.1/"
#define LUA_PATH_DEFAULT \
    "./?.lua;" LUA_LDIR "?.lua;" LUA_LDIR "?/init.lua;" LUA_CDIR "?.lua;" LUA_CDIR "?/init.lua"
#define LUA_CPATH_DEFAULT "./?.so;" LUA_CDIR "?.so;" LUA_CDIR "loadall.so"
#define LUA_PATH        "LUA_PATH"
#define LUA_CPATH       "LUA_CPATH"
#define LUA_INIT        "LUA_INIT"
#define LUA_DIRSEP      "/"
#define LUA_PATHSEP     ";"
#define LUA_PATH_MARK   "?"
#define LUA_EXECDIR     "!"
#define LUA_IGMARK      "-"

/* Limits. */
#define LUAI_MAXCALLS     20000
#define LUAI_MAXCSTACK    8000
#define LUAI_MAXCCALLS    200
#define LUAI_MAXVARS      200
#define LUAI_MAXUPVALUES  60
#define LUA_IDSIZE        60
#define LUA_MAXCAPTURES   32
#define LUA_COMPAT_OPENLIB
#define LUA_COMPAT_GETN
#define LUA_COMPAT_LSTR   1

/* The auxiliary library's buffer size (Debian builds with BUFSIZ). */
#include <stdio.h>
#define LUAL_BUFFERSIZE   BUFSIZ

/* Interactive interpreter settings used by lua.c. */
#define LUA_PROGNAME  "lua"
#define LUA_PROMPT    "> "
#define LUA_PROMPT2   ">> "
#define LUA_MAXINPUT  512
#define LUA_QL(x)     "'" x "'"
#define LUA_QS        LUA_QL("%s")

#if defined(LUA_USE_READLINE)
#include <readline/readline.h>
#include <readline/history.h>
#define lua_readline(L, b, p)  ((void)L, ((b) = readline(p)) != NULL)
#define lua_saveline(L, idx) \
    if (lua_strlen(L, idx) > 0) add_history(lua_tostring(L, idx));
#define lua_freeline(L, b)     ((void)L, free(b))
#else
#define lua_readline(L, b, p) \
    ((void)L, fputs(p, stdout), fflush(stdout), fgets(b, LUA_MAXINPUT, stdin) != NULL)
#define lua_saveline(L, idx)  { (void)L; (void)idx; }
#define lua_freeline(L, b)    { (void)L; (void)b; }
#endif

#include <unistd.h>
#define lua_stdin_is_tty()  isatty(0)

#define luai_apicheck(L, o)  { (void)L; }
#define LUAI_USER_ALIGNMENT_T union { double u; void *s; long l; }

#endif
