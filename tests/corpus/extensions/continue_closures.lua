-- continue closes the upvalues of the iteration it leaves
local fs = {}
for i = 1, 4 do
  local j = i * 10
  fs[#fs + 1] = function() return j end
  if i % 2 == 1 then continue end
  j = j + 1
end
for _, f in ipairs(fs) do io.write(f(), " ") end
print()
local k, gs = 0, {}
while k < 3 do
  k = k + 1
  local c = k
  gs[k] = function() c = c + 100 return c end
  if k == 2 then continue end
end
print(gs[1](), gs[2](), gs[3](), gs[2]())
local n, out = 0, {}
for _, v in ipairs({5, 6, 7}) do
  for w = 1, 3 do
    if w == 2 then continue end
    out[#out + 1] = v * w
  end
  n = n + 1
  if n == 2 then continue end
end
print(table.concat(out, " "), n)
