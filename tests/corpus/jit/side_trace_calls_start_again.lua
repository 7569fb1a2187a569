-- A side trace from the end of a function's loop returns to the caller and
-- calls the function again: no recursion, the first call's frame is gone.
local bodies = {}
for i = 1, 4 do bodies[i] = { x = i, v = 0 } end
local function step(dt)
  for i = 1, #bodies do
    local b = bodies[i]
    b.v = b.v + dt * b.x
    b.x = b.x + dt * b.v
  end
end
for _ = 1, 3000 do step(0.001) end
for i = 1, 4 do print(string.format("%.10f %.10f", bodies[i].x, bodies[i].v)) end

-- Real recursion still agrees.
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
local s = 0
for i = 1, 500 do s = s + fact(i % 12) end
print(s)

-- Called again with other arguments, and a table that changes shape.
local function walk(t, acc)
  for i = 1, #t do acc = acc + t[i] end
  return acc
end
local total = 0
local t = { 1, 2, 3 }
for k = 1, 2000 do
  total = walk(t, total)
  if k == 1500 then t[2] = 2.25; t[4] = 10 end
  if k == 1800 then t[3] = "x" .. k; t[3] = k end
end
print(total)
