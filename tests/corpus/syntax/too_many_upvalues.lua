-- a function may have at most 60 upvalues
local function make(n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = "local u" .. i .. " = " .. i end
  local uses = {}
  for i = 1, n do uses[#uses + 1] = "u" .. i end
  parts[#parts + 1] = "return function() return " .. table.concat(uses, " + ") .. " end"
  return table.concat(parts, "\n")
end
local f, err = loadstring(make(61))
print(f, err)
local g = loadstring(make(60))
print(g()())
