-- require's errors: module not found (the tried paths), loops, bad loaders table
package.path = "./no_such_dir/?.lua;./no_such_dir/?/init.lua"
package.cpath = "./no_such_dir/?.so"
print(pcall(require, "missing.mod"))
package.preload.loopy = function() return require("loopy") end
print(pcall(require, "loopy"))
local saved = package.loaders
package.loaders = nil
print(pcall(require, "anything"))
package.loaders = saved
print(package.searchpath("a.b", "./no_such_dir/?.lua;?.x"))
print(package.searchpath("a.b", "./no_such_dir/?.lua", ".", "_"))
print(package.config == "/\n;\n?\n!\n-\n", #package.loaders)
