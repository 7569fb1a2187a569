-- load with a reader function assembles the chunk from pieces
local pieces = {"return ", "1 ", "+ 41"}
local i = 0
local f = load(function() i = i + 1 return pieces[i] end)
print(f())
print(load("return 'from string'")())
print(load("syntax error here"))
