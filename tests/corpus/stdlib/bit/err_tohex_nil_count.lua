-- bit.tohex with an explicit nil count is an error, not the default
print(pcall(bit.tohex, 255, nil))
print(bit.tohex(255))
