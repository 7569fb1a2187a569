-- numbers survive tostring then tonumber when they print exactly
local values = {0, 1, -1, 0.5, 100, 1e10, 2^40, -123.25}
for i = 1, #values do
  local v = values[i]
  print(v, tonumber(tostring(v)) == v)
end
