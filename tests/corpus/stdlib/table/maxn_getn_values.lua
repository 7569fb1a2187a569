-- table.maxn with fractional, negative and huge keys; table.getn borders
print(table.maxn({}), table.maxn({1, 2, 3}), table.maxn({[1.5] = true}), table.maxn({[-5] = 1}), table.maxn({[1e300] = 1, [2] = 2}))
print(table.maxn({[0/0 == 0/0 and 1 or 2] = 1, x = 1}), table.maxn({n = 10}))
print(table.getn({1, 2, 3}), table.getn({}), table.getn({nil, 2}) >= 0, table.getn(setmetatable({}, {__len = function() return 99 end})))
print(pcall(table.maxn, nil))
print(pcall(table.getn, "abc"))
