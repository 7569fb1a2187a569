-- Allocates about 10 GB of garbage: megabyte strings, tables, closures and
-- cycles, none of it kept. The collector must keep resident memory small.
local block = string.rep("x", 1024)
local total = 0
for i = 1, 10240 do
  local s = string.rep(block, 1024) .. i
  total = total + #s
  local t = {s, {i}, function() return s end}
  t[2][1] = t -- a cycle
end
print(total)
