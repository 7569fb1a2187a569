-- parentheses around a call keep only its first result
local function two() return "a", "b" end
local function none() end
print((two()))
print(select("#", (none())), (none()))
local t = {(two())}
print(#t)
print(select("#", none()))
