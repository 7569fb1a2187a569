-- gsub's maximum number of replacements: zero, negative, fractional, past the end
print(string.gsub("aaaa", "a", "b", 2))
print(string.gsub("aaaa", "a", "b", 0))
print(string.gsub("aaaa", "a", "b", -1))
print(string.gsub("aaaa", "a", "b", 2.9))
print(string.gsub("aaaa", "a", "b", 100))
print(string.gsub("aaaa", "", "-", 3))
print(pcall(string.gsub, "aaaa", "a", "b", "x"))
print(string.gsub("aaaa", "a", "b", "1"))
