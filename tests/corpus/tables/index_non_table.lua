-- indexing values that are not tables fails with a description
print(pcall(function() local x = nil return x.field end))
print(pcall(function() local n = 5 return n.field end))
print(pcall(function() return undefined_global.field end))
print(pcall(function() local t = {} return t.a.b end))
print(pcall(function() local b = true b.x = 1 end))
print(pcall(function() local t = {} t.a.b = 1 end))
