-- indexing strings with numbers or missing names gives nil
local s = "abc"
print(s[1], s.x, ("x")[2])
print(#s, s:len())
