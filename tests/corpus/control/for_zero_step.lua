-- a zero step with start above limit runs zero times
local n = 0
for i = 2, 1, 0 do n = n + 1 end
print(n)
local m = 0
for i = 1, 2, 0 do m = m + 1 if m == 4 then break end end
print(m)
