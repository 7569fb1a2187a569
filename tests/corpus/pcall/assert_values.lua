-- assert returns all its arguments on success and raises its message on failure
print(assert(1, 2, 3))
print(assert("v"))
print(pcall(assert, false))
print(pcall(assert, nil, "custom"))
local t = {1}
print(select(2, pcall(assert, false, t)) == t)
print(select("#", pcall(assert, nil, nil)))
