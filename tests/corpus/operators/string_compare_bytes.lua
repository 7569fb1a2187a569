-- string comparison is by byte value
print("a\0b" < "a\0c", "a\0" > "a")
print("\255" > "a", "B" < "a")
print("abc" <= "abc", "abc" >= "abd")
local words = {"pear", "Apple", "banana", "apple", "Banana"}
table.sort(words)
print(table.concat(words, " "))
