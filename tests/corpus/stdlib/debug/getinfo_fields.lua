-- getinfo fields for Lua functions, C functions and the main chunk: S, u (nups, nparams, isvararg), n, l, f
local up1, up2 = 1, 2
local function lua3(a, b, c) return up1 + up2 end
local function vararg(a, ...) end
local function none() end
local function show(t, keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  print(table.concat(parts, " "))
end
local keys = {"what", "source", "short_src", "linedefined", "lastlinedefined", "currentline",
              "nups", "nparams", "isvararg", "name", "namewhat"}
show(debug.getinfo(lua3), keys)
show(debug.getinfo(vararg), keys)
show(debug.getinfo(none), keys)
show(debug.getinfo(string.rep), keys)
show(debug.getinfo(1), keys)
print(debug.getinfo(lua3, "f").func == lua3, debug.getinfo(1, "f").func ~= nil)
local function named()
  show(debug.getinfo(1), keys)
  show(debug.getinfo(2, "Sl"), {"what", "currentline"})
end
named()
local t = {m = function(self) show(debug.getinfo(1, "n"), {"name", "namewhat"}) end}
t:m()
t.m(t)
local info = debug.getinfo(1, "")
print(next(info))
