-- coroutine.wrap returns a function that resumes
local gen = coroutine.wrap(function(a)
  local b = coroutine.yield(a * 2)
  local c = coroutine.yield(b + 1)
  return "end", c
end)
print(gen(5))
print(gen(7))
print(gen("last"))
print(pcall(gen))
