-- argument errors from builtins caught by pcall
print(pcall(string.rep))
print(pcall(string.sub))
print(pcall(setmetatable, 1))
print(pcall(math.floor, "x"))
print(pcall(tostring))
print(pcall(ipairs))
print(pcall(function() return ("x"):rep("y") end))
