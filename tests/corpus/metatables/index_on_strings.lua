-- string indexing goes through the string metatable
local s = "hello"
print(s:len(), s:sub(2, 3), s.len == string.len)
print(s.nonexistent)
print(pcall(function() return s:nonexistent() end))
print(("%d items"):format(3))
