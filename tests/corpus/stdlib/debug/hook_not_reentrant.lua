-- no hook runs while a hook runs: calls and lines inside the hook are not reported
local events = 0
local function helper(x) return x * 2 end
debug.sethook(function(e, l)
  events = events + 1
  local t = {}
  for i = 1, 3 do t[i] = helper(i) end
  local s = tostring(#t)
end, "crl")
local v = helper(5)
debug.sethook()
print(v, events)
