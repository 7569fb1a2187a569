-- uncaught concatenation of a table
local t = {}
print("value: " .. t)
