-- short functions: varargs, do-blocks, nesting, upvalues and multiple results
local all = |...| -> ...
print(all(1, 2, 3))
local pick = |a, b| -> do if a > b then return a end return b end
print(pick(3, 9), pick(9, 3))
local adder = x -> y -> x + y
print(adder(2)(5))
local two = || -> (1), 2
print(two())
local t = {}
for i = 1, 3 do t[i] = || -> i * i end
print(t[1](), t[2](), t[3]())
local tern = n -> n > 0 ? "pos" : n < 0 ? "neg" : "zero"
print(tern(1), tern(-1), tern(0))
print((|| -> select("#", nil, nil))())
