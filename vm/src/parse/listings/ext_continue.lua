for i = 1, 3 do if i == 2 then continue end print(i) end
for k, v in pairs({}) do if k then continue end print(v) end
local i = 0
while i < 3 do i = i + 1 if i == 1 then continue end print(i) end
repeat local x = i if x then continue end i = i - 1 until i == 0
for j = 1, 2 do local u = j local function f() return u end if j then continue end print(f) end
while true do do continue end end
