-- Closures: creating them in loops, shared and private upvalues, higher-order calls.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 1000000

local function counter(start)
  local value = start
  return function(step)
    value = value + step
    return value
  end
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local function map(list, f)
  local out = {}
  for i = 1, #list do out[i] = f(list[i]) end
  return out
end

local total = 0
-- Many short-lived closures capturing the loop variable.
for i = 1, n do
  local add = function(x) return x + i end
  total = (total + add(i % 100)) % 1000000007
end

-- Long-lived closures sharing one upvalue.
local shared = 0
local incr = function() shared = shared + 1 end
local read = function() return shared end
for _ = 1, n do incr() end

-- Counters with private state and composed functions.
local counters = {}
for i = 1, 10 do counters[i] = counter(i) end
for i = 1, n do
  local c = counters[i % 10 + 1]
  total = (total + c(1)) % 1000000007
end
local double = function(x) return x * 2 end
local inc = function(x) return x + 1 end
local f = compose(double, compose(inc, double))
local list = {}
for i = 1, 1000 do list[i] = i end
for _ = 1, math.floor(n / 1000) do
  list = map(list, function(x) return f(x) % 1000 end)
end
local sum = 0
for i = 1, #list do sum = sum + list[i] end

print(string.format("total %d shared %d list %d", total, read(), sum))
