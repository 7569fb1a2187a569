-- labels with the same name in different blocks are distinct
local out = {}
for i = 1, 2 do
  do goto x end
  ::x::
  out[#out + 1] = "a" .. i
end
for i = 1, 2 do
  if i == 1 then goto x end
  out[#out + 1] = "b" .. i
  ::x::
end
print(table.concat(out, " "))
