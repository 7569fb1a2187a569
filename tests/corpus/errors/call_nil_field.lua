-- uncaught call of a missing field
local lib = {}
lib.helper("x")
