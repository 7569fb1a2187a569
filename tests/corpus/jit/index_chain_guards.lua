-- method lookups through __index tables in a hot loop whose guards fail mid-loop: the metatable swapped, __index replaced (by a table, then a function), a method shadowed by a field in the object and removed again, a method removed from the class
local A = {}
A.__index = A
function A.name() return "a" end
function A.val(self) return self.n end
local B = setmetatable({}, A)
B.__index = B
function B.name() return "b" end
local C = { name = function() return "c" end, val = function() return -1 end }

local o = setmetatable({ n = 5 }, B)
local out, total = {}, 0
for i = 1, 400 do
  out[#out + 1] = o:name()
  total = total + o:val()
  if i == 50 then setmetatable(o, A) end
  if i == 100 then setmetatable(o, B) end
  if i == 150 then B.__index = C end
  if i == 200 then B.__index = B end
  if i == 250 then o.name = function() return "own" end end
  if i == 300 then o.name = nil end
  if i == 350 then B.__index = function(t, k) return A[k] end end
end
print(table.concat(out, "", 1, 60))
print(table.concat(out, "", 140, 160))
print(table.concat(out, "", 240, 260))
print(table.concat(out, "", 340, 360), total)

-- a field that is absent in the object and its classes reads nil; then it appears at each level in turn
local D = {}
D.__index = D
local E = setmetatable({}, D)
E.__index = E
local x = setmetatable({}, E)
local seen = {}
for i = 1, 300 do
  seen[#seen + 1] = x.flag or "-"
  if i == 60 then D.flag = "d" end
  if i == 120 then E.flag = "e" end
  if i == 180 then x.flag = "x" end
  if i == 240 then x.flag = nil; E.flag = nil; D.flag = nil end
end
print(seen[60], seen[61], seen[121], seen[181], seen[241], #seen)

-- rawget does not follow __index
local r = setmetatable({}, { __index = { k = 1 } })
local n = 0
for i = 1, 200 do if rawget(r, "k") == nil then n = n + 1 end; n = n + r.k end
print(n)
