-- and/or return one of their operands and short-circuit
print(1 and 2, nil and 2, false and 2, 1 and nil)
print(1 or 2, nil or 2, false or nil, nil or false)
print(nil and nil or "default", 0 or "zero is true", "" or "empty is true")
local calls = 0
local function f(v) calls = calls + 1 return v end
print(f(false) and f(true), calls)
print(f(true) or f(false), calls)
print(f(nil) or f(false) or f("third"), calls)
