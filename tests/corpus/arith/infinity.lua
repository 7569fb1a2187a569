-- infinities from overflow and division, and their arithmetic
local inf = 1 / 0
print(inf, -inf, math.huge, -math.huge)
print(inf == math.huge, inf > 1e308, -inf < -1e308)
print(inf + 1, inf - inf ~= inf - inf, inf * 0 ~= inf * 0)
print(inf * -1, 1 / inf, -1 / inf)
print(math.floor(inf), math.ceil(-inf))
print(tostring(inf), tostring(-inf), inf .. "")
