local a, b, c
local function f1()
 local d
 local function f2()
  local function f3() return a, b, c, d end
  return f3
 end
 return f2
end
