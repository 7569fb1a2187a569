-- uncaught error from coroutine.wrap propagates to the main chunk
local gen = coroutine.wrap(function() coroutine.yield(1) error("inside coroutine") end)
print(gen())
gen()
