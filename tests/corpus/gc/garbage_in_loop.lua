-- a loop creating lots of garbage keeps memory bounded
local peak = 0
for round = 1, 5 do
  for i = 1, 20000 do local t = {i, tostring(i)} end
  collectgarbage()
  local c = collectgarbage("count")
  if c > peak then peak = c end
end
print("bounded", peak < 10000)
