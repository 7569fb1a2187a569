-- short function expressions: |params| -> expression and name -> expression
local inc = |x| -> x + 1
local mul = |x, y| -> x * y
local seven = || -> 7
local count = |...| -> select("#", ...)
local square = x -> x * x
print(inc(1), mul(3, 4), seven(), count(1, nil, 3), square(5))
local t = {3, 1, 2}
table.sort(t, |a, b| -> a > b)
print(table.concat(t, " "))
local base = 10
local add = x -> x + base
base = 20
print(add(1))
