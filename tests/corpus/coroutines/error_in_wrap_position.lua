-- a string error passing out of coroutine.wrap gets the calling line's position
local gen = coroutine.wrap(function() error("inner", 0) end)
local function call() local r = gen() return r end
print(pcall(call))
local gen_tail = coroutine.wrap(function() error("inner", 0) end)
local function tail() return gen_tail() end
print(pcall(tail))
local gen2 = coroutine.wrap(function() error({}) end)
local ok, e = pcall(function() local r = gen2() return r end)
print(ok, type(e))
