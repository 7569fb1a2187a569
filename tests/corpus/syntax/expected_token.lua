-- "'X' expected near 'Y'" errors
print(loadstring("x 1"))
print(loadstring("local function f( return end"))
print(loadstring("t = {1, 2"))
print(loadstring("for i 1, 2 do end"))
print(loadstring("for i = 1 2 do end"))
print(loadstring("if x end"))
print(loadstring("while true end"))
