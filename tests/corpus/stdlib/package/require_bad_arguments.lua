-- require with non-string names
print(pcall(require))
print(pcall(require, {}))
print(pcall(require, 42))
