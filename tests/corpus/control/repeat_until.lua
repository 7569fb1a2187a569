-- repeat runs at least once; until sees locals of the body
local n = 0
repeat n = n + 1 until true
print(n)
local i = 0
repeat
  local done = i >= 3
  i = i + 1
until done
print(i)
local out = {}
repeat local x = #out + 1 out[x] = x until x == 5
print(table.concat(out, ","))
