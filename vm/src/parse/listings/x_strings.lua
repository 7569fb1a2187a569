local a = "\1\2\127\255\0end"
local b = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
local c = "\n\r\t" .. [[

]]
print(a, b, c)
