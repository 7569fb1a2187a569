-- while and repeat loops become traces too
local i, s = 0, 0
while i < 1000 do i = i + 1; s = s + i % 3 end
print(i, s)
local n = 0
repeat n = n + 2 until n >= 600
print(n)
local a, b = 0, 1
while b < 1e15 do a, b = b, a + b end
print(a, b)
