-- uncaught arithmetic on a string constant that is not a number
print("start")
local x = 5
local y = x + "five"
