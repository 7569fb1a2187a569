-- caught indexing of number and boolean literals
print(pcall(function() return (5).x end))
print(pcall(function() return (true).x end))
print(pcall(function() return (nil).x end))
