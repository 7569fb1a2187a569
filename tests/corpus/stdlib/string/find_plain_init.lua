-- string.find with init positions and plain searches
print(string.find("a.b.c", ".", 1, true), string.find("a.b.c", "%.", 3), string.find("abc", "c", -1), string.find("abc", "a", -10))
print(string.find("abc", "", 4), string.find("abc", "", 5), string.find("abc", "", 10), string.find("", ""))
print(string.find("a+b", "+", 1, true), string.find("a+b", "a+b", 1, 1), string.find("[x]", "[", 1, true))
print(string.find("abc", "b", nil), string.match("abc", "c", -1), string.match("abc", ".", 10))
print(pcall(string.find, "abc", nil))
print(pcall(string.find))
