-- compile-time limits: jump range, nesting through right-associative operators
local body = {}
for i = 1, 40000 do body[i] = "x = x + 1" end
print(loadstring("x = 0 local i = 0 while i < 1 do i = i + 1 " .. table.concat(body, " ") .. " end"))
local parts = {}
for i = 1, 300 do parts[i] = "'" .. (i % 10) .. "'" end
print(loadstring("return " .. table.concat(parts, "..")))
local pows = {}
for i = 1, 300 do pows[i] = "1" end
print(loadstring("return " .. table.concat(pows, "^")))
print(loadstring("return " .. table.concat(pows, "^", 1, 150))())
