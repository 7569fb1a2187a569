-- tables made inside traces: empty constructors, sized ones, templates with array and hash parts; every table is a new object, filled and read back
local made = {}
for i = 1, 200 do
  local t = {}
  t[1] = i
  made[i] = t
end
print(#made, made[1][1], made[200][1], made[1] ~= made[2])

local pts = {}
for i = 1, 200 do
  local p = { x = 1, y = 2, 10, 20, 30 }
  p.x = p.x + i
  p[2] = p[2] * i
  pts[#pts + 1] = p
end
local sx, s2 = 0, 0
for i = 1, #pts do sx = sx + pts[i].x; s2 = s2 + pts[i][2] + #pts[i] end
print(sx, s2, pts[5] ~= pts[6], pts[7].y, pts[8][3])

-- sized constructors from a literal list
local rows = {}
for i = 1, 200 do
  rows[i] = { i, i * 2, i * 3 }
end
print(rows[1][3], rows[100][2], rows[200][1] + rows[200][3])

-- a template whose values the trace then changes to another type
local last
for i = 1, 200 do
  local r = { name = "n", 1 }
  if i > 150 then r[1] = "s" .. i end
  last = r
end
print(last.name, last[1])

-- tables made in a loop are garbage soon: collection keeps working
local keep = 0
for i = 1, 20000 do
  local g = { i, i }
  keep = keep + g[2]
end
print(keep, collectgarbage("count") < 100000)
