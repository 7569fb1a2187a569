-- table.sort of mixed numbers and tables, uncaught
table.sort({1, {}, 2})
