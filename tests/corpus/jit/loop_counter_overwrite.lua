-- the bug that started the project: a loop counter must never be overwritten by a function value
local function f() return 1 end
local total = 0
for round = 1, 50 do
  local g = f
  for i = 1, 100 do
    total = total + i + g()
  end
end
print(total)
