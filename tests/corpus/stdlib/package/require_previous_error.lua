-- after a module fails to load, requiring it again reports 'loop or previous error'
package.path = "tests/corpus/stdlib/package/mods/?.lua"
print(pcall(require, "raises"))
print(pcall(require, "raises"))
print(pcall(function() local m = require("raises") return m end))
