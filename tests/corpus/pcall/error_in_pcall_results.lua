-- pcall results can be adjusted like other calls
local t = {pcall(function() return 1, 2 end)}
print(#t, t[1], t[2], t[3])
local ok = pcall(error, "x")
print(ok)
print((pcall(error, "y")))
