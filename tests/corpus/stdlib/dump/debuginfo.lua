-- debug.getinfo of functions loaded from dumps, stripped or not
local function f(a)
  local info = debug.getinfo(1, "Sl")
  return info.source, info.short_src, info.linedefined, info.lastlinedefined, info.currentline, info.what
end
print(f(1))
print(loadstring(string.dump(f))(1))
print(loadstring(string.dump(f, true))(1))
print(loadstring(string.dump(f, true), "=chunk")(1))
local g = loadstring(string.dump(f, true))
local i = debug.getinfo(g)
print(i.source, i.short_src, i.linedefined, i.lastlinedefined, i.currentline, i.what, i.nups)
local main = loadstring("local x = 1\nreturn debug.getinfo(1, 'S').what", "=m")
print(main(), loadstring(string.dump(main))(), loadstring(string.dump(main, true))())
print(pcall(loadstring(string.dump(function() error("boom") end, true))))
print(pcall(loadstring(string.dump(function() local t = nil; return t.x end, true))))
