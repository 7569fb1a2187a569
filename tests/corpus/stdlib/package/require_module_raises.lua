-- an error while running a module propagates and leaves it unloaded
package.path = "tests/corpus/stdlib/package/mods/?.lua"
print(pcall(require, "raises"))
