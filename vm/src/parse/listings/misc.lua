local a, b = 1, 2
local c = 1 + 2 * 3 - 4 / 2
local d = 2 ^ 0.5
local e = "a\tb\\c\"d'" .. 'x\65\x42\z
     y'
local f = [[
long
string]] .. [==[ ]] ]==]
local g = a.b.c.d
local h = a[1][b][256][-1][0.5]["x"]
local i = #a + -b
local j = not not a
local k = ((a))
local l = a .. b .. c .. (d .. e)
local m = {a = {b = {c = 1}}}
local n = 0x10 + 0x1p4 + 1e2 + .5
local o = -(-2)
local p = - - a
local q = 10 % 3 + 2 ^ 2 ^ 3
