for i = 1, 10 do print(i) end
for i = 10, 1, -1 do print(i) end
for i = a, b, c do end
for k, v in pairs(t) do print(k, v) end
for k in next, t do end
for a, b, c, d in f() do end
while x < 10 do x = x + 1 end
repeat local y = x; x = x - 1 until y < 0
repeat local y = x; f(function() return y end) until y
while true do if x then break end end
for i = 1, 2 do for j = 1, 2 do if j then break end end end
