-- A side trace that returns from its function into the caller's loop jumps to the caller's loop trace in machine code; the returned values change type after that link is made.
local function scan(t, n)
  local s = 0
  for i = 1, n do
    local v = t[i]
    if v > 3 then s = s + v end
  end
  return s
end
local data = {}
for i = 1, 12 do data[i] = i % 7 end
local total, odd = 0, 0
for round = 1, 3000 do
  local r = scan(data, 12)
  if round == 2000 then
    for i = 1, 12 do data[i] = (i % 7) + 0.25 end
  end
  total = total + r
  if round % 3 == 0 then odd = odd + 1 end
end
print(total, odd)
