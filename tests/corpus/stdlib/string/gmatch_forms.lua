-- gmatch with captures, position captures, empty matches and anchors
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, ":", v, " ") end print()
for p in string.gmatch("abc", "()") do io.write(p, " ") end print()
for w in string.gmatch("", ".*") do io.write("[", w, "]") end print()
for w in string.gmatch("one two three", "%a+") do io.write(w, ";") end print()
local it = string.gmatch("xyz", ".")
print(it(), it(), it(), it())
print(pcall(string.gmatch, nil, "x"))
print(pcall(string.gmatch, "x"))
