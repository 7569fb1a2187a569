-- an error inside a wrapped coroutine gets the caller's position prepended
local w = coroutine.wrap(function() local x = nil; return x.field end)
local function call() return (w()) end
print(pcall(call))
