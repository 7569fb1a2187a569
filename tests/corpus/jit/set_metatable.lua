-- setmetatable in traces: objects made in a hot loop get their class, methods found through
-- __index; a protected metatable makes the call fail with LuaJIT's message, inside the trace
local C = {}
C.__index = C
function C:get() return self.v * 2 end
local P = setmetatable({}, {__metatable = "locked"})
local n = 0
for i = 1, 300 do
  local o = setmetatable({v = i}, C)
  n = n + o:get()
  if i == 250 then
    print(pcall(setmetatable, P, C))
  end
end
print(n)
local ok, e = pcall(function()
  for i = 1, 300 do
    local t = i == 200 and P or {}
    setmetatable(t, C)
  end
end)
print(ok, e)
-- setmetatable returns its first argument; a nil metatable is left to the interpreter
local last
for i = 1, 200 do
  local t = {i}
  if i % 50 == 0 then last = setmetatable(t, nil) else last = setmetatable(t, C) end
end
print(last[1], getmetatable(last) == nil)
