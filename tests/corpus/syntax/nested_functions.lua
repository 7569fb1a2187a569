-- deeply nested blocks still compile, and messages point at the right line
local src = string.rep("do ", 100) .. "x = 1 " .. string.rep("end ", 100)
print(loadstring(src) ~= nil)
print(loadstring("do\ndo\ndo\nx = = 1\nend\nend\nend"))
