-- the limit and step are evaluated once before the loop
local calls = 0
local function limit() calls = calls + 1 return 3 end
local n = 0
for i = 1, limit() do n = n + 1 end
print(n, calls)
local lim = 3
local seen = {}
for i = 1, lim do lim = 10 seen[#seen + 1] = i end
print(#seen, lim)
