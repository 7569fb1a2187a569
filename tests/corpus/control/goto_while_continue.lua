-- continue idiom in while and repeat loops
local i, out = 0, {}
while i < 6 do
  i = i + 1
  if i % 2 == 0 then goto cont end
  out[#out + 1] = i
  ::cont::
end
print(table.concat(out, " "))
local j, out2 = 0, {}
repeat
  j = j + 1
  if j == 2 then goto skip end
  out2[#out2 + 1] = j
  ::skip::
until j >= 4
print(table.concat(out2, " "))
