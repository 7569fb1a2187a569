-- a side trace that leaves the loop by an early return stops at the return ("-> return"); its values reach the caller, also after a type change
local function find(t, x)
  for i = 1, #t do
    local v = t[i]
    if v == x then
      local r = v * 2 + i
      return r, i
    end
  end
  return -1
end

local t = {}
for i = 1, 40 do t[i] = i * 3 end
local s = 0
for k = 1, 400 do
  local r, i = find(t, (k % 40 + 1) * 3)
  s = s + r + i
end
print(s)
t[20] = 0.25
for k = 1, 100 do
  local r = find(t, 0.25)
  s = s + r
end
print(s)
t[10] = "str"
local ok, err = pcall(function()
  for k = 1, 100 do s = s + find(t, "str") end
end)
print(ok, err, s)
