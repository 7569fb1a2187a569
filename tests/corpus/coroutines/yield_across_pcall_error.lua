-- an error after a yield inside pcall is caught by that pcall
local co = coroutine.wrap(function()
  local ok, err = pcall(function()
    coroutine.yield(1)
    error("boom", 0)
  end)
  coroutine.yield(ok, err)
  return "end"
end)
print(co())
print(co())
print(co())
