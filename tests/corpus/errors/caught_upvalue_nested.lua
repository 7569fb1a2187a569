-- upvalues captured two levels deep are still named upvalues
local outer_nil
local function level1()
  return function() return outer_nil.field end
end
print(pcall(level1()))
local function level2()
  local mid
  return function() return mid + 1 end
end
print(pcall(level2()))
