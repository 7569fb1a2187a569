-- require finds a module along package.path, passes its name, and caches the result
package.path = "tests/corpus/stdlib/package/mods/?.lua"
local m = require("helper_mod")
print(m.name, m.value, package.loaded.helper_mod == m, require("helper_mod") == m)
