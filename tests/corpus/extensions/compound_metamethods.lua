-- compound assignment goes through metamethods, reading and writing the target once
local log = {}
local store = {v = 1}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. k return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set " .. k store[k] = v end,
})
proxy.v += 41
proxy.v ..= "!"
print(store.v, table.concat(log, ", "))
local V = setmetatable({n = 1}, {
  __add = function(a, b) return "added " .. tostring(b) end,
  __concat = function(a, b) return "joined " .. tostring(b) end,
})
local w = V w += 2 print(w)
w = V w ..= "x" print(w)
print(pcall(function() local z = {} z -= 1 end))
print(pcall(function() local z = "a" z &= 1 end))
local s = "10" s += 5 print(s, type(s))
