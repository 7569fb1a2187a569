x = "abc
y"