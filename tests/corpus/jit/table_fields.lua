-- constant-key field reads and writes, globals and upvalues in hot loops
local p = { x = 0, y = 0, vx = 1.5, vy = -0.5 }
for i = 1, 500 do
  p.x = p.x + p.vx
  p.y = p.y + p.vy
  if p.x > 100 then p.vx = -p.vx end
  if p.y < -50 then p.vy = -p.vy end
end
print(p.x, p.y, p.vx, p.vy)
counter = 0
for i = 1, 300 do counter = counter + i end
print(counter)
local up = 0
local function bump(k) up = up + k end
for i = 1, 300 do bump(i) end
print(up)
