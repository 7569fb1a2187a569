-- generic for with ipairs and with a Lua iterator, hot
local t = {}
for i = 1, 300 do t[i] = i % 7 end
local s = 0
for k = 1, 3 do
  for i, v in ipairs(t) do s = s + i * v end
end
print(s)
local function range(n)
  return function(_, i) if i < n then return i + 1 end end, nil, 0
end
local c = 0
for i in range(500) do c = c + i end
print(c)
