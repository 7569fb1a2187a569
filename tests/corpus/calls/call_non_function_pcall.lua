-- calling a non-function value fails with the value's description
print(pcall(function() local x = 5 x() end))
print(pcall(function() local t = {} t.field() end))
print(pcall(function() undefined_fn() end))
print(pcall(function() local s = "str" s:nomethod() end))
print(pcall(function() (nil)() end))
