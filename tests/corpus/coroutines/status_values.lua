-- every status string
local main_co
local co = coroutine.create(function()
  print("inside:", coroutine.status(main_co))
  coroutine.yield()
end)
main_co = co
print("new:", coroutine.status(co))
coroutine.resume(co)
print("yielded:", coroutine.status(co))
coroutine.resume(co)
print("finished:", coroutine.status(co))
