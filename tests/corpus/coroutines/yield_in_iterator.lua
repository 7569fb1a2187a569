-- an iterator function of a generic for can yield
local function iter(_, i)
  if i >= 3 then return nil end
  coroutine.yield("about to give " .. (i + 1))
  return i + 1
end
local co = coroutine.wrap(function()
  local got = {}
  for i in iter, nil, 0 do got[#got + 1] = i end
  return "loop done " .. table.concat(got, ",")
end)
for _ = 1, 4 do print(co()) end
