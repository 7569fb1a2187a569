-- \z skips the following whitespace including newlines
local s = "abc\z
           def"
print(s, #s)
print("x\z   y")
print("1\z

      2")
