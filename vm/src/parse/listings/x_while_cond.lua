while not x do end
while x and y do end
while x or y do end
while x == nil do end
repeat until not x
repeat until x and y
repeat until false
repeat until true
while false do end
