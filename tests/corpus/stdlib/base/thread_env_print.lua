-- print looks up tostring in the running thread's environment
local a = {tostring = function(v) return "<" .. type(v) .. ">" end}
local co = coroutine.create(function()
  setfenv(0, a)
  print(1, "x", nil, {})
end)
print(coroutine.resume(co))
print(1, "x")
