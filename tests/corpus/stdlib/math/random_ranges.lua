-- math.random(m) and math.random(m, n) with odd bounds: no range check in LuaJIT
math.randomseed(123)
print(math.random(0), math.random(-3), math.random(3.7), math.random(5, 1), math.random(1.5, 2.5))
print(math.random(2^40), math.random(-2^40, 2^40), math.random(1/0), math.random(1, 2, 3))
local ok = true
for i = 1, 1000 do local r = math.random(1, 6); if r < 1 or r > 6 or r % 1 ~= 0 then ok = false end end
print(ok)
