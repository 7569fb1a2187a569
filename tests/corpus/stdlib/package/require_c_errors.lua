-- require of a C module whose file exists but has no luaopen_ function (plain and all-in-one loaders)
package.path = "./no_such_dir/?.lua"
package.cpath = "/lib/x86_64-linux-gnu/?.so.6"
print(pcall(require, "libm"))
print(pcall(require, "libm.part"))
