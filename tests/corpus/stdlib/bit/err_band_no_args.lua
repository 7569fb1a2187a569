-- bit.band without arguments
print(pcall(bit.band))
bit.band()
