-- field reads and writes whose recorded hash slot stops matching mid-loop: the key removed and added back (a new slot), the table rehashed by new keys, and a different table with the same keys in another order
local p = { a = 1, b = 2, c = 3 }
local s = 0
for i = 1, 400 do
  s = s + p.b
  p.c = p.c + 1
  if i == 100 then p.b = nil; p.b = 5 end          -- dead entry revived in place
  if i == 200 then p.a = nil; p.z = 7; p.a = 9 end -- a new key, then another
  if i == 300 then for k = 1, 20 do p["k" .. k] = k end end -- rehash
end
print(s, p.a, p.b, p.c, p.z)

-- objects built in different orders: the same keys sit at other positions
local objs = {}
for i = 1, 200 do
  if i % 3 == 0 then objs[i] = { y = i, x = -i } else objs[i] = { x = i, y = 2 * i } end
end
local sx, sy = 0, 0
for i = 1, #objs do
  local o = objs[i]
  sx = sx + o.x
  o.y = o.y + 1
  sy = sy + o.y
end
print(sx, sy)

-- a field that becomes nil mid-loop: its load leaves (the entry stays, dead)
local q = { n = 0, m = 1 }
local hits = 0
for i = 1, 300 do
  if q.m then hits = hits + q.m end
  if i == 150 then q.m = nil end
  if i == 250 then q.m = 3 end
end
print(hits)
