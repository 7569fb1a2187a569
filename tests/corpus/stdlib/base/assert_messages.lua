-- assert returns all its arguments, and fails with its message or the default
print(assert(1, 2, 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(pcall(assert, false, 42))
print(select('#', pcall(assert, false, {})))
print(pcall(assert))
