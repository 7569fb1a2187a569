-- ipairs stops at nil and ignores hash keys
local t = {1, 2, x = "x", [4] = 4}
local n = 0
for i, v in ipairs(t) do n = n + 1 end
print(n)
