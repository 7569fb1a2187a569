-- table.maxn with a string, uncaught
table.maxn("abc")
