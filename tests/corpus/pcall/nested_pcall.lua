-- nested pcalls catch at the innermost level
local function inner() error("inner error") end
local function middle()
  local ok, err = pcall(inner)
  print("middle caught:", ok, err)
  error("middle error", 0)
end
print(pcall(middle))
print(pcall(pcall, error, "x"))
