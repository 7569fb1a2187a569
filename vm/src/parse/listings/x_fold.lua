local a = 1/0
local b = -1/0
local c = 0/0
local d = 0*-1
local e = -(0)
local f = 2^0.5
local g = 1e500
local h = -1e500
local i = 5 % -3
local j = -5 % 3
local k = 5.5 % 2
local l = 1 < 2
local m = "a" == "b"
local n = 1 == 1
local o = nil == false
local p = 2^63
local q = -2^63
local r = 1e15
local s = 123456789012
local t = 0.1 + 0.2
local u = 3 - -3
local v = -x
local w = - -1
local y = -0.0
local z = 1e-300 * 1e-300
