-- nested captures, position captures and capture limits
print(string.match("hello world", "((h)(e))(l+)"))
print(string.match("abc", "()b()"), string.find("abc", "(b)()"))
print(string.gsub("abc", "()", "%1"))
print(string.match("key = value", "(%w+)%s*=%s*(%w+)"))
local p = string.rep("(a)", 32)
print(pcall(string.match, string.rep("a", 32), p))
print(pcall(string.match, string.rep("a", 33), string.rep("(a)", 33)))
print(pcall(string.match, "a", "(()"))
