-- * + - ? quantifiers, greedy and lazy, on classes and sets
print(string.match("aaab", "a*"), string.match("aaab", "a-b"), string.match("aaab", "a+"), string.match("b", "a?b"))
print(string.match("<a><b>", "<(.-)>"), string.match("<a><b>", "<(.*)>"), string.match("x", "x-$"))
print(string.find("", "a*"), string.find("bbb", "a*"), string.find("abc", "[a-c]+"))
print(string.gsub("one  two   three", " +", " "))
print(string.match("123abc", "^(%d-)(%a*)$"))
