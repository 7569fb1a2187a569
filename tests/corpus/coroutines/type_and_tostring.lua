-- coroutines are values of type thread
local co = coroutine.create(function() end)
print(type(co), tostring(co):sub(1, 7))
print(co == co, co == coroutine.create(function() end))
