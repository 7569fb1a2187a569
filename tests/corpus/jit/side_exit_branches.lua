-- branches that go the other way after the loop is hot (side exits, then side traces)
local s, t, u = 0, 0, 0
for i = 1, 2000 do
  if i % 3 == 0 then s = s + i
  elseif i % 5 == 0 then t = t + i
  else u = u + 1 end
  if i > 1500 then s = s - 1 end
end
print(s, t, u)
local x = 0
for i = 1, 1000 do
  if i < 900 then x = x + 1 else x = x + 0.5 end
end
print(x)
