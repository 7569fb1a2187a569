-- the main chunk is a vararg function receiving the script's arguments
print(select("#", ...))
local f = loadstring("return select('#', ...), ...")
print(f("a", "b"))
print(arg[0])
print(#arg)
