-- require through package.preload, with module() and package.seeall inside the loader
package.preload["geo.shapes"] = function(name)
  module(name, package.seeall)
  function area(w, h) return w * h end
  kind = "shapes"
end
local m = require("geo.shapes")
print(m.area(3, 4), m.kind, m._NAME, m._PACKAGE, m._M == m)
print(geo.shapes == m, package.loaded["geo.shapes"] == m, require("geo.shapes") == m)
package.preload.counter = function(name, extra) return {name = name, extra = extra} end
local c = require("counter")
print(c.name, c.extra)
package.preload.nothing = function() end
print(require("nothing"), package.loaded.nothing)
