-- functions that get hot by being called (their caller's loop cannot be traced): traces start at the function's entry and end at its return; argument types change, errors are raised inside, a loop inside links to its trace, and recursion is left to the interpreter
local function dist(x, y) return math.sqrt(x * x + y * y) end
local function norm(p) local d = dist(p.x, p.y); if d > 0 then return d end return 1 end
local function sum_to(n) local s = 0; for i = 1, n do s = s + i end; return s end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end

local pts = {}
for i = 1, 50 do pts[i] = { x = i, y = i % 7 } end
local total, keys = 0, {}
for r = 1, 30 do
  for i = 1, #pts do
    total = total + norm(pts[i]) + sum_to(i % 9)
    keys["k" .. (i % 5)] = r -- a string key the caller's trace cannot store
  end
end
print(string.format("%.6f", total))

-- an argument changes type: the trace's checks fail and the interpreter takes over
local ok, err = pcall(function()
  for i = 1, 300 do
    local p = pts[i % 50 + 1]
    if i == 250 then p = { x = "a", y = 1 } end
    total = total + norm(p)
    keys["k" .. (i % 3)] = i
  end
end)
print(ok, err)

-- recursion is not traced; results stay right
local f = 0
for i = 1, 25 do f = f + fib(i % 12); keys["f" .. (i % 2)] = i end
print(f)
