-- next's "invalid key" error carries no position (LuaJIT raises it inside next), from a call, a generic for and a coroutine
local t = { a = 1, b = 2 }
print(pcall(next, t, "zz"))
print(pcall(function() return next(t, "zz") end))
print(pcall(function() for k, v in next, t, "missing" do end end))
print(pcall(coroutine.wrap(function() return next({}, 1) end)))
print(select("#", next({})), next({}, nil))
