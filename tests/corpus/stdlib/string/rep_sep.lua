-- string.rep with a separator, zero and negative counts, empty strings
print(string.rep("ab", 3, ","), string.rep("ab", 1, ","), "[" .. string.rep("ab", 0, ",") .. "]", "[" .. string.rep("x", -1) .. "]")
print(string.rep("", 5), #string.rep("", 1000, ""), string.rep("", 3, "-"), string.rep("x", 2.7))
print(pcall(string.rep, "x"))
print(pcall(string.rep))
print(pcall(string.rep, "x", 2, {}))
