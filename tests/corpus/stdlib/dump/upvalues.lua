-- a loaded dump's upvalues are fresh and nil, not the original function's
local counter = 10
local label = "x"
local function bump(n)
  counter = (counter or 0) + n
  return label, counter
end
print(bump(1))
local copy = loadstring(string.dump(bump))
print(copy(5))
print(copy(5))
print(bump(1))
local function outer()
  local a = 1
  return function() a = a + 1 return a end
end
local inner = outer()
print(inner(), inner())
print(pcall(loadstring(string.dump(inner))))
-- nested closures inside a dumped function keep working
local function maker()
  local n = 0
  return function() n = n + 1 return n end
end
local m = loadstring(string.dump(maker))()
print(m(), m(), m())
