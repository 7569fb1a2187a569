-- a program that is itself a syntax error fails to load
print("never printed")
local x = = 2
