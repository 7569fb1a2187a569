-- string.format %s with width, precision, numbers, tostring metamethods and embedded zeros
print(string.format("[%10s][%-10s][%.2s][%5.1s]", "abc", "abc", "abc", "abc"))
print(string.format("%s %s %s", 1, 1.5, true), string.format("%s", nil))
print(string.format("%s", setmetatable({}, {__tostring = function() return "meta!" end})))
print(#string.format("%s", "a\0b"), #string.format("%.1s", "a\0b"))
print(string.format("%s|%s", "x"))
