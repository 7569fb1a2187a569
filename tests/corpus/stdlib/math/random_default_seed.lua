-- math.random's sequence from LuaJIT's fixed start-up seed
for i = 1, 5 do print(math.random()) end
print(math.random(10), math.random(5, 7), math.random(100), math.random(-10, 10))
