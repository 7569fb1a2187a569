-- # on strings counts bytes
print(#"", #"a", #"hello world", #"\0\0\0")
print(#"\u{20AC}", #[[
x]])
local s = "abc"
print(#s .. #s, #(s .. s))
