-- stripped dumps (strip flag true or mode "s") drop names and line info
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function f(t) local y = t.a return y.b end
local full, stripped = string.dump(f), string.dump(f, true)
print(#full, #stripped, string.dump(f, "s") == stripped, string.dump(f, 1) == stripped)
print(hex(stripped))
print(pcall(loadstring(full), {}))
print(pcall(loadstring(stripped), {}))
print(pcall(loadstring(stripped, "=named"), {}))
print(pcall(loadstring(stripped, "@file.lua"), {}))
print(pcall(loadstring(full, "=ignored"), {}))
-- a function loaded from a stripped dump has no debug info to dump again
local g = loadstring(stripped)
print(hex(string.dump(g)))
print(string.dump(g, true) == stripped)
print(string.dump(loadstring(full)) == full)
print(string.dump(f, false) == full, string.dump(f, nil) == full, string.dump(f, "") == full)
