local a, b, c
local x = a and b
local y = a or b
local z = a and b or c
local w = not a
local v = a == b
local u = a ~= 1
local t = a < b
local s = a >= 1
local r = 1 < a
local q = a == nil
local p = "x" == a
if a then b() elseif c then a() else c() end
if a and b then f() end
if a or b then f() end
if not a then f() end
if a == 1 and b ~= "x" or c then f() end
if nil then f() end
if true then f() end
local o = a and 1 or 2
local n = (a or b) and c
f(a > b, a <= b, not (a == b))
while a and b do end
