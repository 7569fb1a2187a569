-- while loops, with and without break
local i, sum = 0, 0
while i < 10 do i = i + 1 sum = sum + i end
print(i, sum)
while false do print("never") end
local n = 0
while true do n = n + 1 if n >= 7 then break end end
print(n)
