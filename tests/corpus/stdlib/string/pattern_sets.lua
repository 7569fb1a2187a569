-- sets with ranges, escapes, ] first, - at the ends and complements
print(string.match("a]b", "[]]"), string.match("a-b", "[a-]"), string.match("-x", "[-x]+"), string.match("z", "[^%a]"))
print(string.gsub("Hello World 123", "[A-Z]", "#"), string.gsub("a.b.c", "[.]", "!"))
print(string.find("abc", "[%]]"), string.find("x%y", "[%%]"), string.match("a^b", "[b^]+"))
print(string.match("2024-01-05", "(%d+)-(%d+)-(%d+)"))
print(string.gsub("tabs\tand spaces", "[%s]", "_"))
print(string.match("\0abc", "[%z]"), #string.match("a\0b", "[^%z]+"))
