-- the ?: conditional operator evaluates only the chosen branch
print(1 < 2 ? "yes" : "no", 1 > 2 ? "yes" : "no")
print(nil ? 1 : 2, false ? 1 : nil ? 2 : 3, 0 ? "zero is true" : "no")
local calls = 0
local function v(x) calls = calls + 1 return x end
print(true ? v("a") : v("b"), calls)
local n = 5
print(n % 2 == 0 ? "even" : "odd", (n > 3 ? 10 : 20) + 1)
