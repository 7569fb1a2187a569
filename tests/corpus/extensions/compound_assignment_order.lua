-- compound assignment evaluates the table and key once
local log = {}
local t = {5}
local function tab() log[#log + 1] = "tab" return t end
local function key() log[#log + 1] = "key" return 1 end
tab()[key()] += 10
print(t[1], table.concat(log, " "))
print(pcall(function() local x x += 1 end))
print(loadstring("local a, b = 1, 2 a, b += 1"))
