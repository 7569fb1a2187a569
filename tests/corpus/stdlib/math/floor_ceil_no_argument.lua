-- math.floor()/math.ceil() without an argument round a number left in the argument slot (LuaJIT reads it unchecked), else fail
local a = 7.5
print(pcall(math.floor))
local t = {}
for i = 1, 3 do t[i] = i * 2.5 end
print(pcall(math.ceil))
local function f() local x, y = 3.7, 9.2 return math.floor() end
print(pcall(f))
print(pcall(function() local z = 4.4; local r = math.floor(); return r end))
local s = "12.5"
print(pcall(math.floor))
print(math.floor(1.5), pcall(math.floor))
