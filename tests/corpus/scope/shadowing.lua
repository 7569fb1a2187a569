-- inner locals shadow outer ones and disappear at block end
local x = 1
do
  local x = x + 1
  print(x)
  do
    local x = x * 10
    print(x)
  end
  print(x)
end
print(x)
local x = "redeclared"
print(x)
