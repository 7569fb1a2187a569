-- table.sort on sizes 0..8 and reversed/equal inputs, with a custom comparator
for n = 0, 8 do
  local t = {}
  for i = 1, n do t[i] = (n - i) * 3 % 7 end
  table.sort(t)
  local u = {}
  for i = 1, n do u[i] = i end
  table.sort(u, function(a, b) return a > b end)
  print(n, table.concat(t, ","), table.concat(u, ","))
end
