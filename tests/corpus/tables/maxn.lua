-- table.maxn finds the largest positive numeric key
print(table.maxn({}), table.maxn({1, 2, 3}))
print(table.maxn({[10] = 1, [2.5] = 2}), table.maxn({a = 1}))
