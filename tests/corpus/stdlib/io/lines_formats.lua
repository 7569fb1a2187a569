-- file:lines and io.lines with formats; io.lines closes the file at the end
local name = os.tmpname()
local f = io.open(name, "w") f:write("1 2\n3 4\nend\n") f:close()
for a, b in io.lines(name, "*n", "*n") do print(a, b) if not b then break end end
f = io.open(name)
for l in f:lines("*L") do io.write("[", l, "]") end
print(io.type(f))
f:close()
for c in io.lines(name, 4) do io.write("<", c, ">") end print()
os.remove(name)
