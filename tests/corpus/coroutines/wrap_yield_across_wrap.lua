-- a yield inside a nested wrap goes to the nearest resumer only
local inner = coroutine.wrap(function() coroutine.yield("from inner") return "inner done" end)
local outer = coroutine.wrap(function()
  local a = inner()
  local b = inner()
  coroutine.yield(a .. " / " .. b)
  return "outer done"
end)
print(outer())
print(outer())
