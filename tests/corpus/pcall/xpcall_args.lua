-- LuaJIT's xpcall passes extra arguments to the function
print(xpcall(function(a, b) return a * b end, print, 6, 7))
print(xpcall(function(...) return select("#", ...) end, print, nil, nil, nil))
