-- load and loadstring chunk names in error messages
print(loadstring("x=", "=custom"))
print(loadstring("x=", "@file.lua"))
print(loadstring("x="))
print(loadstring("\n\nx=", "multi\nline"))
print(type(load(function() return nil end, "=empty")))
local f = loadstring("error('oops')", "=named")
print(pcall(f))
print(loadstring(string.rep("x", 100) .. "="))
