-- %b balanced matches: nesting, unbalanced input, same open and close characters
print(string.match("f(a(b)c)d", "%b()"), string.match("x[[y]]", "%b[]"), string.match("((x)", "%b()"))
print(string.find("a(b(c)d", "%b()"), string.match("''q''", "%b''"), string.match("noparen", "%b()"))
print(string.gsub("(a)(b)(c(d))", "%b()", "X"))
print(pcall(string.find, "a", "%b"))
print(pcall(string.find, "a", "%b("))
