-- package.loadlib: missing library ("open"), missing function ("init"), "*" loads only
print(package.loadlib("./no_such_dir/no_such_lib.so", "luaopen_x"))
print(package.loadlib("libm.so.6", "luaopen_nothing_here"))
print(package.loadlib("libm.so.6", "*"))
print(pcall(package.loadlib, "libm.so.6"))
