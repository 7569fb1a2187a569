-- for loop control values must be numbers
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, false do end end))
print(pcall(function() local t = {} for i = t.x, 1 do end end))
