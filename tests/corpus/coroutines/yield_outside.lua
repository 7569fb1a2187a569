-- yielding from the main thread fails
print(pcall(coroutine.yield, 1))
