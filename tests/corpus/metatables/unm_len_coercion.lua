-- unary minus coerces numeric strings; # on a string ignores the string metatable
print(-"2", -"0x10", -" 3 ")
local mt = getmetatable("")
mt.__len = function() return 99 end
mt.__unm = function() return "meta unm" end
print(#"abc", -"2")
print(pcall(function() return -"abc" end))
mt.__len, mt.__unm = nil, nil
