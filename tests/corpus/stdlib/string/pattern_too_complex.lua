-- patterns that recurse too deeply or match long inputs
local s = string.rep("a", 100000)
print(#string.match(s, ".-$"), #string.match(s, "a*"), select(2, string.gsub(s, "a", "b")))
print(pcall(string.match, string.rep("a", 300000), string.rep("a?", 300000)))
print(pcall(string.find, s, string.rep("(", 40)))
