-- package.searchpath finds existing files and lists the missing ones
print(package.searchpath("helper_mod", "tests/corpus/stdlib/package/mods/?.lua"))
print(package.searchpath("x.y", "./nope/?.lua;./nope/?.lc"))
print(package.searchpath("x.y", "./nope/?.lua", "."))
print(pcall(package.searchpath))
