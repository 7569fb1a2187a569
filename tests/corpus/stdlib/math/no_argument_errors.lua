-- math functions called with no argument or a bad one report their names
for _, name in ipairs{"sqrt", "sin", "cos", "tan", "exp", "log10", "asin", "acos", "atan", "sinh", "cosh", "tanh", "abs", "frexp", "modf", "deg", "rad"} do
  local ok, e = pcall(math[name], {})
  print(name, e)
end
print(pcall(math.atan2, 1))
print(pcall(math.pow, 1))
print(pcall(math.fmod, 1))
print(pcall(math.log))
