-- table.sort: a comparator that counts calls, on reversed and sorted input
for _, n in ipairs({2, 3, 4, 10, 31}) do
  local up, down, c1, c2 = {}, {}, 0, 0
  for i = 1, n do up[i] = i; down[i] = n - i end
  table.sort(up, function(a, b) c1 = c1 + 1; return a < b end)
  table.sort(down, function(a, b) c2 = c2 + 1; return a < b end)
  print(n, c1, c2, down[1], down[n])
end
