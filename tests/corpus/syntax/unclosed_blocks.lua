-- a missing 'end' names the line of the block it should close
print(loadstring("function f()\n  return 1\n"))
print(loadstring("if x then\n\n\n"))
print(loadstring("do\n"))
print(loadstring("while x do\n  y()\n"))
print(loadstring("repeat\n  x = 1\n"))
print(loadstring("for i = 1, 2 do\n"))
