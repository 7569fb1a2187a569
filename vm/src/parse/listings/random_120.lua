local x, t, g
while t:m({2 ^ 8, k = 4 ^ 3, [-3] = 2}) do f(t.k.j) if x then break end end
for k, v in pairs(t) do local z = k; g(function() return z, v end) t.a, t.b, x = 103, -2 / -1 end
