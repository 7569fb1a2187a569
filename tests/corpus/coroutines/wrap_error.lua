-- errors inside a wrapped coroutine propagate to the caller
local f = coroutine.wrap(function() error("wrapped failure") end)
print(pcall(f))
local g = coroutine.wrap(function() error({tag = "t"}) end)
local ok, e = pcall(g)
print(ok, type(e), e.tag)
local h = coroutine.wrap(function() local x = nil return x.y end)
print(pcall(h))
