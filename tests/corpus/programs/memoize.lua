-- memoization with a closure and a table cache
local calls = 0
local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n) cache[n] = v end
    return v
  end
end
local slow_square = function(n) calls = calls + 1 return n * n end
local fast = memoize(slow_square)
for _ = 1, 3 do for i = 1, 10 do fast(i) end end
print(calls, fast(7))
