-- math.random sequences after randomseed with integer, fractional, negative and huge seeds
for _, seed in ipairs{0, 1, 42, -7, 0.5, 2^31, 2^53, 123456789} do
  math.randomseed(seed)
  local out = {}
  for i = 1, 4 do out[i] = string.format("%.17g", math.random()) end
  out[5] = math.random(100)
  out[6] = math.random(-5, 5)
  print(seed, table.concat(out, " "))
end
