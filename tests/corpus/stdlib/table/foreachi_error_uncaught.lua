-- table.foreachi without a function, uncaught
table.foreachi({1, 2})
