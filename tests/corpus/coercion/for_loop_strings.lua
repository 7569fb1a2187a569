-- the numeric for loop converts numeric strings in its control values
local function run(a, b, c)
  local seen = {}
  for i = a, b, c do seen[#seen + 1] = i end
  print(table.concat(seen, " "))
end
run("1", 3, 1)
run(1, "2.5", 1)
run(10, 1, "-4")
print(pcall(run, "x", 2, 1))
