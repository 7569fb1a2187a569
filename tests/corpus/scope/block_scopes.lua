-- locals declared in if/while/for bodies are not visible outside
local seen = {}
if true then local inner = 1 seen[#seen + 1] = inner end
print(inner)
for i = 1, 2 do local loopvar = i * 2 seen[#seen + 1] = loopvar end
print(i, loopvar)
while true do local w = "w" seen[#seen + 1] = w break end
print(w)
print(table.concat(seen, ","))
