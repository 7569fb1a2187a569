-- uncaught comparison with nil
local x
print(x >= 1)
