-- break leaves only the innermost loop
local out = {}
for i = 1, 3 do
  for j = 1, 3 do
    if j > i then break end
    out[#out + 1] = i .. j
  end
end
print(table.concat(out, " "))
local k = 0
while true do
  repeat k = k + 1 break until false
  if k >= 3 then break end
end
print(k)
