-- builtin functions print as builtin#N, LuaJIT's fast-function numbers
print(print, assert, type, next, pairs, ipairs, select, unpack, tostring, tonumber)
print(pcall, xpcall, error, load, loadstring, dofile, collectgarbage, newproxy, setfenv, getfenv)
print(rawget, rawset, rawequal, getmetatable, setmetatable, gcinfo, loadfile)
print((ipairs({})))
print(coroutine.create, coroutine.resume, coroutine.yield, coroutine.status, coroutine.wrap, coroutine.running)
