-- caught errors assigning into non-tables
print(pcall(function() local s = "str" s.x = 1 end))
print(pcall(function() local n = 1 n[1] = 2 end))
print(pcall(function() gt.x = 1 end))
print(pcall(function() local t = {} t.a.b = 1 end))
