-- hot numeric loop: every arithmetic operator on numbers, with constants on either side
local s, p, q, r, m = 0, 1, 0, 0, 0
for i = 1, 300 do
  s = s + i * 2 - 1
  p = (p * 3) % 1000003
  q = q + i / 7 + 7 / i
  r = r - (i ^ 2) / 1e4 + 2 ^ (i % 5)
  m = m + (-i) % 13 + i % -3 + 10 % i
end
print(s, p, q, r, m)
