-- side traces that return below their starting frame and go on in the caller (RETF): recursion returning into the caller's loop, callers at other call sites, results, and returns the trace must not take (upvalues still open, pcall, callbacks from native code)
local n = 7
local count = 0
local used = {}
local function place(row)
  if row > n then count = count + 1; return end
  for c = 1, n do
    if not used[c] and not used[n + row + c] then
      used[c], used[n + row + c] = true, true
      place(row + 1)
      used[c], used[n + row + c] = false, false
    end
  end
end
place(1)
print(count)

-- one function returning into two different callers: the frame check tells them apart
local function sum_to(k)
  local s = 0
  for i = 1, k do s = s + i end
  return s, k
end
local function caller_a(m) local x = 0; for i = 1, m do x = x + sum_to(i % 7) end; return x end
local function caller_b(m) local y, z = 0, 0; for i = 1, m do local a, b = sum_to(i % 5); y = y + a; z = z + b end; return y, z end
print(caller_a(300), caller_b(300), caller_a(50))

-- the returning frame has a live closure over its locals: its upvalue must be closed by the interpreter
local fs = {}
local function make(i)
  local v = i
  for j = 1, 3 do v = v + j end
  fs[#fs + 1] = function() return v end
  return v
end
local tot = 0
for i = 1, 200 do tot = tot + make(i) end
print(tot, fs[1](), fs[200]())

-- called through pcall and from a native callback: the trace cannot return there itself
local function work(k) local s = 0; for i = 1, k % 6 do s = s + i end; return s end
local acc = 0
for i = 1, 300 do
  local ok, v = pcall(work, i)
  acc = acc + v
end
local t = {}
for i = 1, 60 do t[i] = (i * 37) % 61 end
table.sort(t, function(a, b) local d = 0; for i = 1, 2 do d = d + i end; return a + d < b + d end)
print(acc, t[1], t[60])

-- results of different types after the return
local function kind(i) for j = 1, 2 do end; if i % 50 == 0 then return "s" .. i end; return i end
local strs, nums = 0, 0
for i = 1, 400 do
  local v = kind(i)
  if type(v) == "string" then strs = strs + 1 else nums = nums + v end
end
print(strs, nums)

-- an error after returning into the caller names the caller's variable
local ok, err = pcall(function()
  local function get(i) for j = 1, 2 do end; if i == 250 then return nil end; return i end
  local s = 0
  for i = 1, 300 do local g = get(i); s = s + g end
  return s
end)
print(ok, err)
