-- preload loaders receive the module name; their result is cached
package.preload["my.mod"] = function(...) print("loader args", select('#', ...), ...) return {ok = true} end
local m = require("my.mod")
print(m.ok, require("my.mod") == m, package.loaded["my.mod"] == m)
package.preload.falsy = function() return false end
print(require("falsy"), package.loaded.falsy)
