-- extra loop variables get nil; extra results are dropped
local function iter(_, i) if i < 2 then return i + 1, "a", "b", "c" end end
for i, a in iter, nil, 0 do print(i, a) end
for i, a, b, c, d in iter, nil, 0 do print(i, a, b, c, d) end
