-- math.randomseed with NaN, infinities, -0 and huge seeds
for _, seed in ipairs({1/0, -1/0, -0.0, 1e308, 2^53, -2^31}) do
  math.randomseed(seed)
  print(seed, math.random(), math.random(1000))
end
