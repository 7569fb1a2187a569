do
  goto a
  local x = 1
  ::a::
end
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    f(j)
    ::continue::
  end
end
do
  ::top::
  local y = f()
  if y then goto top end
end
do
  local z = 1
  ::l1::
  f(function() return z end)
  if z then goto l1 end
end
