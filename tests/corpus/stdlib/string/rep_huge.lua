-- string.rep with huge counts: a memory error past LuaJIT's longest string, empty when the count wraps negative
print(pcall(string.rep, "x", 2^31 - 1))
print(pcall(string.rep, "x", 2^30, "yy"))
print(pcall(string.rep, "abc", 2^30))
print(pcall(string.rep, "x", 2^31))
print(pcall(string.rep, "abc", 1e10))
print(pcall(string.rep, "", 2^40, ""))
print(pcall(string.rep, "", 2^30, "ab"))
