-- LPeg, cjson and LuaFileSystem calls, run by neap (Debian's prebuilt modules) and lua5.1.
local lpeg = require "lpeg"
local cjson = require "cjson"
local lfs = require "lfs"
print(type(lpeg.match), type(cjson.encode), type(lfs.attributes))
local p = lpeg.C(lpeg.R("az")^1) * lpeg.P("=") * lpeg.C(lpeg.R("09")^1)
print(p:match("abc=123"))
local digits = lpeg.Ct((lpeg.C(lpeg.R("09")^1) + 1)^0)
print(table.concat(digits:match("a1b22c333"), ","))
print(lpeg.match(lpeg.P"x" + lpeg.P"y", "z"))
local t = cjson.decode('{"a":[1,2,3],"b":"x","c":true,"d":null}')
print(t.a[2], t.b, t.c, t.d == cjson.null)
print(cjson.encode({1, 2, 3}))
print(cjson.encode({k = "v"}))
print(pcall(cjson.decode, "{bad"))
print(lfs.attributes("/", "mode"))
print(lfs.attributes("/nonexistent/x"))
print(lfs.currentdir() ~= nil)
local n = 0
for f in lfs.dir("/etc") do if f == "hostname" or f == "passwd" then n = n + 1 end end
print(n)
print(select('#', lpeg.version()), type(lfs._VERSION))
