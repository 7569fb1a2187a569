-- uncaught call of a missing method
local obj = {}
obj:missing()
