-- Tables with metatables in hot loops: new keys, absent keys and
-- comparisons trust the metatable to lack __newindex, __index and __eq,
-- and must notice when one is added (or the metatable changes) later.
local Class = {}
Class.__index = Class
function Class.new(n) return setmetatable({ n = n }, Class) end
function Class:get() return self.n end

local log = {}
local Plain = {}   -- a metatable without __index

local objs = {}
for i = 1, 60 do objs[i] = setmetatable({ id = i }, Plain) end

for round = 1, 3 do
  local hits, news, absent, same = 0, 0, 0, 0
  for i = 1, 60 do
    local o = objs[i]
    o.extra = i            -- a new key (or an old one) in a table with a metatable
    o[100 + i] = round     -- a new integer key
    if o.missing == nil then absent = absent + 1 end
    if o[1000] == nil then absent = absent + 1 end
    if o ~= objs[(i % 60) + 1] then news = news + 1 end
    if o == objs[i] then same = same + 1 end
    hits = hits + o.id
  end
  log[#log + 1] = table.concat({ round, hits, news, absent, same }, " ")
  if round == 1 then
    Plain.__newindex = function(t, k, v) rawset(t, k, v == nil and v or v * 2) end
  elseif round == 2 then
    Plain.__index = function(t, k) return "dflt:" .. tostring(k) end
    Plain.__eq = function(a, b) return true end
  end
end
for _, l in ipairs(log) do print(l) end
print(objs[5].extra, objs[5][105], objs[5].missing, objs[5] == objs[6])

-- The __index chain of a class, objects compared with each other.
local total = 0
local list = {}
for i = 1, 100 do list[i] = Class.new(i) end
for i = 1, 100 do
  local a, b = list[i], list[(i % 100) + 1]
  if a ~= b then total = total + a:get() end
  a.seen = true
end
print(total, list[1].seen)

-- A metatable swapped in the middle of a loop.
local Other = { __newindex = function(t, k, v) rawset(t, k, -v) end }
local t = setmetatable({}, Plain)
Plain.__newindex = nil
Plain.__index = nil
for i = 1, 100 do
  if i == 70 then setmetatable(t, Other) end
  t[i] = i
end
print(t[10], t[69], t[70], t[100])
