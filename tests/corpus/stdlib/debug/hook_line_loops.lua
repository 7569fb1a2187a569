-- line hook: backward jumps in for, while and repeat loops fire the line again
local lines = {}
debug.sethook(function(_, line) lines[#lines + 1] = line end, "l")
for i = 1, 3 do
  local x = i
end
local n = 0
while n < 2 do
  n = n + 1
end
repeat
  n = n - 1
until n == 0
for i = 1, 2 do local y = i end
for k, v in ipairs({10, 20}) do
  local z = v
end
debug.sethook()
print(table.concat(lines, " "))
