-- print finds tostring through the environment's __index, and honours a number metatable's __tostring
local seen = {}
local env = setmetatable({}, {__index = {tostring = function(v) seen[#seen + 1] = type(v) return "<" .. tostring(v) .. ">" end}})
local co = coroutine.create(function() setfenv(0, env) print(1, "two") end)
print(coroutine.resume(co))
print(table.concat(seen, ","))
debug.setmetatable(0, {__tostring = function(n) return "num:" .. string.format("%g", n) end})
print(1, 2.5, "s")
debug.setmetatable(0, nil)
print(1, 2.5, "s")
