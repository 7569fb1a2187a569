-- a program with an unclosed function fails to load
local function f()
  print("never printed")

print("nor this")
