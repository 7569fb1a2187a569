-- table.getn with a non-table, uncaught
print(table.getn({1, 2}))
table.getn("abc")
