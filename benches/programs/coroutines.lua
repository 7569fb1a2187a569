-- Coroutine ping-pong: values passed back and forth through resume and yield, and a
-- chain of generator coroutines.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 1000000

local ponger = coroutine.create(function(value)
  while true do
    value = coroutine.yield((value * 3 + 1) % 1000003)
  end
end)

local value = 0
for _ = 1, n do
  local ok, reply = coroutine.resume(ponger, value)
  value = reply
end

-- A pipeline: a generator feeding a filter through coroutine.wrap.
local function generate(limit)
  return coroutine.wrap(function()
    for i = 1, limit do coroutine.yield(i) end
  end)
end

local function keep_odd(source)
  return coroutine.wrap(function()
    for v in source do
      if v % 2 == 1 then coroutine.yield(v) end
    end
  end)
end

local sum, count = 0, 0
for v in keep_odd(generate(n)) do
  sum = (sum + v) % 1000000007
  count = count + 1
end

print(string.format("ping-pong %d value %d odd %d sum %d", n, value, count, sum))
