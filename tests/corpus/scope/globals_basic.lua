-- undeclared names are globals in _G
x = 5
print(x, _G.x, _G["x"])
_G.y = "from _G"
print(y)
print(undefined_global)
x = nil
print(x, rawget(_G, "x"))
print(_G._G == _G)
