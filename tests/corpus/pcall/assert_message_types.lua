-- assert passes a non-string message through unchanged
local t = {}
local ok, e = pcall(assert, false, t)
print(ok, e == t)
ok, e = pcall(assert, false, 42)
print(ok, e, type(e))
