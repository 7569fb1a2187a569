-- a program with a goto to no label fails to load
for i = 1, 3 do
  if i == 2 then goto continue end
  print(i)
end
