-- output printed before an uncaught error is kept
for i = 1, 3 do print("line", i) end
local t = nil
t.x = 1
