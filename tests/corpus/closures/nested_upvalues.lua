-- closures nested three deep capture variables from every level
local function outer(a)
  return function(b)
    return function(c)
      a = a + 1
      return a, b, c
    end
  end
end
local mid = outer(1)
local inner1 = mid("b1")
local inner2 = mid("b2")
print(inner1("c1"))
print(inner2("c2"))
print(inner1("c3"))
