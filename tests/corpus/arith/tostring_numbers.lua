-- tostring and string.format %.14g agree
local values = {0, 1, -1, 0.5, 1/3, 1e15, 1e16, 2^53, 1e-5, 123.456, -0.0}
for i = 1, #values do
  local v = values[i]
  print(tostring(v), string.format("%.14g", v), tostring(v) == string.format("%.14g", v))
end
