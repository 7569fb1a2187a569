-- a module returning nothing is stored as true and runs once
package.path = "tests/corpus/stdlib/package/mods/?.lua"
print(require("returns_nothing"), loaded_side_effect)
print(require("returns_nothing"), loaded_side_effect, package.loaded.returns_nothing)
