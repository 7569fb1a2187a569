-- A side trace entered from its parent's exit in machine code keeps working when the values it guards change type after the link is made.
local vals = {}
for i = 1, 3000 do vals[i] = i end
for i = 1201, 2000 do vals[i] = i + 0.5 end
for i = 2001, 2600 do vals[i] = "s" .. i end
for i = 2601, 3000 do vals[i] = (i % 3 == 0) end
local sum, len, trues, other = 0, 0, 0, 0
for i = 1, 3000 do
  local v = vals[i]
  if i % 4 == 0 then
    -- the side trace: its guards on v's type fail once v changes
    local t = type(v)
    if t == "number" then
      sum = sum + v * 2
    elseif t == "string" then
      len = len + #v
    elseif v then
      trues = trues + 1
    else
      other = other + 1
    end
  else
    sum = sum + 1
  end
end
print(sum, len, trues, other)
