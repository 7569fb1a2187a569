-- the functions LuaJIT writes in Lua ([builtin:NAME]) report as Lua functions: getinfo, tracebacks and hook events
for _, f in ipairs{table.remove, string.len, table.foreachi, table.foreach, table.getn, math.deg, math.rad} do
  local i = debug.getinfo(f, "SlunL")
  print(i.what, i.source, i.short_src, i.linedefined, i.lastlinedefined, i.currentline,
        i.nups, i.nparams, i.isvararg, type(i.activelines), next(i.activelines))
end
table.foreachi({1}, function(k, v)
  print((debug.traceback("tb"):gsub("\n[^\n]*$", "")))
  print(debug.getinfo(2, "n").name, debug.getinfo(2, "l").currentline)
end)
print(pcall(table.foreachi, {1}, function() error("x", 2) end))
local log = {}
local t = {1, 2, 3}
debug.sethook(function(e, l)
  local i = debug.getinfo(2, "nS")
  log[#log + 1] = e .. ":" .. tostring(l) .. ":" .. i.what .. ":" .. tostring(i.name) .. ":" .. i.short_src
end, "crl")
local x = table.remove(t)
local n = ("abc"):len()
debug.sethook()
print(table.concat(log, "\n"))
