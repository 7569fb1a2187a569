-- yield from the main chunk, uncaught
print("before")
coroutine.yield("x")
