-- ^ and $ anchors, and their literal meaning elsewhere
print(string.find("abc", "^a"), string.find("abc", "^b"), string.find("abc", "c$"), string.find("abc", "b$"))
print(string.find("a^b", "a^b"), string.find("a$b", "a$b"), string.find("$", "^$"), string.find("", "^$"))
print(string.gsub("aaa", "^a", "b"), string.gsub("hello", "", "-"))
for w in string.gmatch("one two", "^%a+") do print("gmatch anchor:", w) end
print(string.find("abc", "^abc$"), string.match("  x  ", "^%s*(.-)%s*$"))
