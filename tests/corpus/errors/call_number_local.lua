-- uncaught call of a number local
local five = 5
five()
