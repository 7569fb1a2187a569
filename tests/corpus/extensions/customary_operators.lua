-- ! && || and != as alternatives to not, and, or and ~=
print(!true, !nil, !!0, !false)
print(1 && 2, nil && 2, nil || 3, false || nil)
print(1 != 1, 1 != 2, "a" != "a", {} != {})
local calls = 0
local function f() calls = calls + 1 return true end
print(false && f(), true || f(), calls)
