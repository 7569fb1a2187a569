-- Sieve of Eratosthenes, run several times over a boolean array.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 2000000
local ROUNDS = 3

local count, last
for _ = 1, ROUNDS do
  local composite = {}
  for i = 1, n do composite[i] = false end
  count, last = 0, 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      last = i
      for j = i * i, n, i do composite[j] = true end
    end
  end
end

print(string.format("primes up to %d: %d, largest %d", n, count, last))
