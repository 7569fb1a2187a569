-- table.maxn and table.getn: float and negative keys, holes, errors
print(table.maxn({}), table.maxn({1, 2, 3}), table.maxn({[10] = 1, [2.5] = 1}), table.maxn({[-5] = 1}))
print(table.maxn({[1e300] = 1, 1}), table.maxn({[1/0] = 1}), table.maxn({a = 1, [3] = 1}))
local t = {1, 2, 3} t[3] = nil t[7] = nil
print(table.maxn(t), table.getn({1, 2, 3}), table.getn({}))
print(pcall(table.maxn))
print(pcall(table.getn))
print(pcall(table.getn, "x"))
