-- unpack of constant ranges recorded in a hot loop (default range, explicit range, empty, holes, length change)
local t = {1, 2, 3, 4}
local s = 0
for i = 1, 300 do
  local a, b, c = unpack(t)
  local d, e = unpack(t, 2, 3)
  local f, g = unpack(t, 3)
  local h = unpack(t, 5, 4)
  local x, y = unpack(t, 0, 1)
  s = s + a + b + (c or 0) + d + e + f + (g or 0) + (h or 100) + (x or 1000) + y
  if i == 200 then t[5] = 5 end
  if i == 250 then t[2] = 20 end
end
print(s)
local ok, err = pcall(function()
  local r = 0
  for i = 1, 100 do
    local u = t
    if i == 90 then u = "str" end
    r = r + unpack(u, 1, 1)
  end
end)
print(ok, err)
