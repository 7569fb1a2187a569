-- NaN can't be a table key
local t = {}
local nan = 0 / 0
print(t[nan])
print(pcall(function() t[nan] = 1 end))
print(pcall(rawset, t, nan, 1))
