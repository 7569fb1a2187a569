-- ipairs stops at the first nil
local t = {10, 20, 30, nil, 50}
for i, v in ipairs(t) do print(i, v) end
for i, v in ipairs({}) do print("never") end
local n = 0
for _ in ipairs({1, 2, 3}) do n = n + 1 end
print(n)
