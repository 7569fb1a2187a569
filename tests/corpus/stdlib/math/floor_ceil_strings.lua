-- floor and ceil on numeric strings, hex strings and bad strings
print(math.floor("3.7"), math.ceil("3.2"), math.floor("0x10"), math.ceil(" -2.5 "), math.floor("1e2"))
print(pcall(math.floor, "x"))
print(pcall(math.ceil, {}))
print(pcall(math.floor, nil))
