-- back-references %1..%9 in patterns, and invalid ones
print(string.match("hello", "(l)%1"), string.find("abcabc", "(abc)%1"), string.match('say "hi" now', '(["\'])(.-)%1'))
print(string.gsub("aa bb cd", "(%a)%1", "<%0>"))
print(pcall(string.match, "aa", "%1"))
print(pcall(string.match, "aa", "(a)%2"))
print(pcall(string.match, "aa", "(a%1)"))
print(string.match("xyx", "(x)(y)%1"))
