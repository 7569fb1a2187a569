-- do blocks limit the lifetime of locals
local results = {}
do
  local a = 1
  results[#results + 1] = a
end
do
  local a = 2
  results[#results + 1] = a
end
print(a, results[1], results[2])
