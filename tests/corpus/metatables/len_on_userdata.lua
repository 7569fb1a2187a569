-- __len is used for userdata
local u = newproxy(true)
getmetatable(u).__len = function() return 7 end
print(#u)
print(pcall(function() return #newproxy(false) end))
