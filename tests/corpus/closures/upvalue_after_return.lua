-- an upvalue outlives the function that declared it
local function make(x)
  local y = x * 2
  return function(z) return x + y + z end
end
local f = make(1)
local g = make(10)
print(f(0), f(100), g(0))
