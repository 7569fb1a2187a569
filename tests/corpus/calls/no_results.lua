-- a function without return gives no values; in an expression that is nil
local function nothing() end
print(nothing())
print(select("#", nothing()))
local x = nothing()
print(x)
print(nothing() == nil)
local t = {nothing(), nothing()}
print(#t)
