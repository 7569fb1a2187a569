-- string.byte and string.sub with negative, zero and out-of-range indexes
local s = "hello"
print(s:byte(-1), s:byte(-5), s:byte(-6), s:byte(0), s:byte(10))
print(s:byte(1, -1))
print(s:byte(-3, -2))
print(select('#', s:byte(3, 2)), select('#', s:byte(6)))
print(s:sub(-3), s:sub(-100, 2), s:sub(2, -2), s:sub(0), s:sub(4, 100), "[" .. s:sub(3, 2) .. "]", s:sub(-2, -3) == "")
print(s:sub(2.9, 3.1), s:sub("2", "3"))
print(pcall(s.sub, s))
print(pcall(string.sub))
print(pcall(s.byte, s, "x"))
