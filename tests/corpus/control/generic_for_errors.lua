-- calling a non-function iterator fails
print(pcall(function() for k in 5 do end end))
print(pcall(function() for k in nil do end end))
print(pcall(function() local t = {} for k in t do end end))
