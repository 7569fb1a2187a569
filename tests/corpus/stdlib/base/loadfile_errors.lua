-- load reader pieces that are empty or numbers; loadfile and dofile open/read error texts
local n = 0
print(type(load(function() n = n + 1; if n == 1 then return "" elseif n == 2 then return "return 5" end end)))
print(n)
n = 0
local f = load(function() n = n + 1; if n == 1 then return 42 end end)
print(n, f and f())
n = 0
print(load(function() n = n + 1; if n == 1 then return "return 'a'" elseif n == 2 then return "" end return "..'b'" end)())
print(pcall(load, function() return {} end))
print(loadfile("/nonexistent/dir/x.lua"))
print(loadfile("tests"))
print(pcall(dofile, "tests"))
print(loadfile("tests", "t"))
