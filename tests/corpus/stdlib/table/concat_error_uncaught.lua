-- table.concat with a boolean element, uncaught
print(table.concat({1, 2}, "+"))
table.concat({1, false, 3}, "+")
