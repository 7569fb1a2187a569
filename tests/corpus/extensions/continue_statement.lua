-- continue skips to the next iteration of the innermost loop
local out = {}
for i = 1, 6 do
  if i % 2 == 0 then continue end
  out[#out + 1] = i
end
print(table.concat(out, " "))
local i, w = 0, {}
while i < 5 do i = i + 1 if i == 3 then continue end w[#w + 1] = i end
print(table.concat(w, " "))
local r, j = {}, 0
repeat
  j = j + 1
  local done = j >= 4
  if j == 2 then continue end
  r[#r + 1] = j
until done
print(table.concat(r, " "))
print(loadstring("continue"))
local continue = "still a name"
print(continue)
