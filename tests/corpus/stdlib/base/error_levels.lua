-- error with levels 0, 1, 2 and non-string values
local function f(level) error("msg", level) end
print(pcall(f, 0))
print(pcall(f, 1))
print(pcall(f, 2))
print(pcall(f, 3))
print(pcall(error, 42))
print(pcall(error, nil))
print(pcall(error))
local ok, e = pcall(error, {code = 7})
print(ok, type(e), e.code)
