-- goto leaves several nested loops at once
local found
for i = 1, 10 do
  for j = 1, 10 do
    if i * j == 42 then found = i .. "x" .. j goto done end
  end
end
::done::
print(found)
