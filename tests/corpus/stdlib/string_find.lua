-- string.find with plain text and simple patterns
local s = "the quick brown fox"
print(s:find("quick"))
print(s:find("o", 1, true))
print(s:find("o", 14, true))
print(s:find("xyz"))
print(s:find("q%a+"))
print(s:find(""))
