-- string methods through the string metatable, on numbers and with bad self
local s = "Text"
print(s:upper(), s:len(), ("x"):rep(3), (5):type == nil)
print(pcall(function() return (5):upper() end))
print(pcall(function() local x = 5; return x:len() end))
print(getmetatable("").__index == string, ("%d"):format(7))
print(pcall(string.byte, {}))
print(#string, string.len("\0\0"))
