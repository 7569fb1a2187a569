-- module() with package.seeall creates a global table, sets _NAME, _M, _PACKAGE
package.path = "tests/corpus/stdlib/package/mods/?.lua"
local m = require("old_style")
print(m == old_style, m._NAME, m._M == m, m._PACKAGE, m.hello())
print(getmetatable(m).__index == _G)
