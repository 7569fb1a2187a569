-- string functions used to observe results
local s = "Hello, World"
print(#s, s:len(), s:upper(), s:lower())
print(s:sub(1, 5), s:sub(-5), s:sub(8), s:sub(0), s:sub(5, 2) == "")
print(s:byte(1), s:byte(-1), string.char(72, 105))
print(s:rep(2, " | "))
print(s:reverse())
