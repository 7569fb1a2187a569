-- constant conditions in if statements and loops
if true then print("true branch") end
if false then print("never") else print("false else") end
if nil then print("never") end
if 0 then print("zero is true") end
while false do print("never") end
repeat print("once") until true
local n = 0
while true do n = n + 1 if n == 3 then break end end
print(n)
