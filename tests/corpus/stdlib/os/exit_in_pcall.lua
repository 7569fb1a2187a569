-- os.exit inside pcall and a coroutine still exits at once
print("start")
coroutine.wrap(function() pcall(function() os.exit(4) end) end)()
print("not reached")
