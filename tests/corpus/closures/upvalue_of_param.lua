-- parameters can be captured and changed like locals
local function adder(n)
  return function(k) n = n + k return n end
end
local add = adder(10)
print(add(1), add(2), add(3))
