-- bad-argument messages name the function as the calling code refers to it
print(pcall(function() string.rep() end))
print(pcall(function() local r = string.rep r() end))
print(pcall(function() ("x"):rep() end))
print(pcall(function() local s = string s.rep() end))
print(pcall(function() setmetatable(1, nil) end))
print(pcall(function() local t = {f = math.floor} t.f("x") end))
print(pcall(function() local t = {f = math.floor} t:f() end))
print(pcall(function() return tostring() end))
