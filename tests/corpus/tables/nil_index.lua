-- reading t[nil] gives nil; writing it fails
local t = {}
print(t[nil])
print(pcall(function() t[nil] = 1 end))
print(pcall(function() local k t[k] = 1 end))
print(pcall(rawset, t, nil, 1))
