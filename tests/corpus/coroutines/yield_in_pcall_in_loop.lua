-- repeated yields across pcall inside a loop
local co = coroutine.wrap(function()
  local sum = 0
  for i = 1, 5 do
    local ok, v = pcall(function() return coroutine.yield(i) * 2 end)
    sum = sum + v
  end
  return "sum", sum
end)
local results = {co()}
while type(results[1]) == "number" do
  local sent = results[1] * 10
  results = {co(sent)}
end
print(results[1], results[2])
