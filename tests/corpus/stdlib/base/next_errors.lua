-- next with an invalid key and on non-tables
print(next({}))
print(next({10}))
print(pcall(next, {}, "nokey"))
print(pcall(next, 1))
print(pcall(pairs, nil))
print(pcall(ipairs))
print(pairs({}) == next)
