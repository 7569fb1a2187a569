-- a vararg function has no implicit local 'arg': the name is the global script table
local function f(...) return arg end
print(f(1, 2) == _G.arg, #f(1, 2))
local function g(...) local arg = {...} return #arg end
print(g(1, 2, 3))
