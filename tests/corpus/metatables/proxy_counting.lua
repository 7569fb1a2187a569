-- a proxy table counting reads and writes through metamethods
local reads, writes = 0, 0
local backing = {}
local proxy = setmetatable({}, {
  __index = function(_, k) reads = reads + 1 return backing[k] end,
  __newindex = function(_, k, v) writes = writes + 1 backing[k] = v end,
})
proxy.a = 1
proxy.b = proxy.a + 1
proxy.a = proxy.b * 2
print(proxy.a, proxy.b, reads, writes)
