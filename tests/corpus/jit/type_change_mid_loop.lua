-- a value changes type in the middle of a hot loop: the guard exits and the error names the variable
local t = {}
for i = 1, 200 do t[i] = i end
t[150] = "x"
local s = 0
local ok, err = pcall(function()
  for i = 1, 200 do
    local v = t[i]
    s = s + v * 2
  end
end)
print(s, ok, err)
t[150] = {}
ok, err = pcall(function()
  local acc = 0
  for i = 1, 200 do acc = acc + t[i] end
  return acc
end)
print(ok, err)
