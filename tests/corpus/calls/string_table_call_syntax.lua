-- calls with a string or table literal need no parentheses
local function id(x) return x end
print(id "string arg")
print(id [[long string arg]])
print(id {1, 2, 3}[2])
print(type(id{}))
local s = ("x"):rep(3)
print(s)
