-- rawget and rawset bypass __index and __newindex
local log = {}
local t = setmetatable({}, {
  __index = function(_, k) return "meta " .. k end,
  __newindex = function(_, k) log[#log + 1] = k end,
})
print(t.a, rawget(t, "a"))
t.b = 1
rawset(t, "c", 2)
print(rawget(t, "b"), rawget(t, "c"), t.c, table.concat(log, ","))
print(pcall(rawget, "str", 1))
print(pcall(rawset, {}, nil, 1))
