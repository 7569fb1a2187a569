-- math.random with fractional bounds: floor(d*m)+1 and floor(d*(n-m+1))+m
math.randomseed(99)
for i = 1, 5 do
  print(math.random(1.5), math.random(0.5), math.random(-0.5), math.random(2, 1.5), math.random(0.25, 3.75))
end
