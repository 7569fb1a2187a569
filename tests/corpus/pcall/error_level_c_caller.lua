-- error level 2 pointing at a C caller adds no position
local function f() error("blame caller", 2) end
print(pcall(f))
local ok, err = pcall(function() f() end)
print(ok, err)
