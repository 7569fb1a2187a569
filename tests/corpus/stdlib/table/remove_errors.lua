-- table.remove: type errors say "got nil" for missing arguments
print(pcall(table.remove))
print(pcall(table.remove, {}, "x"))
print(pcall(table.remove, {}, {}))
print(pcall(table.remove, "abc"))
table.remove(nil)
