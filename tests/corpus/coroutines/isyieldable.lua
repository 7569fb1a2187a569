-- coroutine.isyieldable in LuaJIT 2.1
print(coroutine.isyieldable())
local co = coroutine.wrap(function() return coroutine.isyieldable() end)
print(co())
