-- math.randomseed gives LuaJIT's sequence for a seed, and repeats it
for _, seed in ipairs({42, 0, -1, 42.5, 2^40, 1e-300, "7"}) do
  math.randomseed(seed)
  local a, b, c = math.random(), math.random(1000), math.random(3, 9)
  math.randomseed(seed)
  print(seed, a, b, c, a == math.random())
end
