-- tokens with control characters are quoted by their codes
print(loadstring("x = \1"))
print(loadstring("x = 1 \127"))
print(loadstring("x = @"))
print(loadstring("x = $"))
