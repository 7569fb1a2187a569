-- io.lines(name): iterates the file, with formats, and closes it at the end
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("a\nbb\n\nccc")
f:close()
for l in io.lines(name) do io.write("[", l, "]") end
print()
for a, b in io.lines(name, 1, "*l") do io.write("[", a, "|", tostring(b), "]") end
print()
for n in io.lines(name, "*n") do print(n) end
local it = io.lines(name)
print(it(), it(), it(), it())
print(select("#", it()))
print(pcall(it))
print(type(io.lines(name, "*x")))
print(pcall(io.lines(name, "*x")))
local bad = io.lines(name, {})
print(pcall(bad))
os.remove(name)
