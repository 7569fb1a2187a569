-- Objects with metatables: method calls through __index, inheritance, accessors.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 1000000

local Shape = {}
Shape.__index = Shape

function Shape.new(name)
  return setmetatable({ name = name, moves = 0, x = 0, y = 0 }, Shape)
end

function Shape:move(dx, dy)
  self.x = self.x + dx
  self.y = self.y + dy
  self.moves = self.moves + 1
end

function Shape:area() return 0 end

local Rect = setmetatable({}, { __index = Shape })
Rect.__index = Rect

function Rect.new(w, h)
  local r = Shape.new("rect")
  r.w, r.h = w, h
  return setmetatable(r, Rect)
end

function Rect:area() return self.w * self.h end

local Square = setmetatable({}, { __index = Rect })
Square.__index = Square

function Square.new(side)
  local s = Rect.new(side, side)
  s.name = "square"
  return setmetatable(s, Square)
end

function Square:grow(by)
  self.w = self.w + by
  self.h = self.w
end

local shapes = { Shape.new("point"), Rect.new(2, 3), Square.new(4), Rect.new(5, 1) }
local total = 0
for i = 1, n do
  local s = shapes[i % 4 + 1]
  s:move(1, -1)
  total = total + s:area()
  if i % 1000 == 0 then shapes[3]:grow(1) end
end

local moves = 0
for i = 1, #shapes do moves = moves + shapes[i].moves end
print(string.format("calls %d total area %d moves %d square side %d", n, total, moves, shapes[3].w))
