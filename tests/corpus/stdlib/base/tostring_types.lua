-- tostring of every basic type, with the address part masked
local function shape(s) return (s:gsub("0x%x+", "ADDR")) end
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring(-0.0), tostring(1/0), tostring(-1/0), tostring("str"))
print(shape(tostring({})), shape(tostring(function() end)), shape(tostring(coroutine.create(print))), shape(tostring(newproxy())))
print(tostring(0/0) == tostring(0/0), tostring(1e15), tostring(1e100), tostring(123456789012345), tostring(2^63), tostring(0.1))
