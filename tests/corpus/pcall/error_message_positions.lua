-- runtime errors in nested functions report their own line
local function a()
  local x = nil
  return x.y
end
local function b()
  return a()
end
print(pcall(b))
print(pcall(function()
  local t = {}
  return t.missing.field
end))
