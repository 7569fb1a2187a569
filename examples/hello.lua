-- A small tour: closures, tables with metatables, coroutines, varargs.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
c(); c()
print("counter:", c())

local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, Vec) end
Vec.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
local function vec(x, y) return setmetatable({x = x, y = y}, Vec) end
print("vector:", tostring(vec(1, 2) + vec(3, 4)))

local gen = coroutine.wrap(function(...)
  for i = 1, select("#", ...) do coroutine.yield((select(i, ...))) end
end)
print("coroutine:", gen("a", "b", "c"), gen(), gen())

local ok, err = pcall(function() local t = nil; return t.field end)
print("pcall:", ok, err)
