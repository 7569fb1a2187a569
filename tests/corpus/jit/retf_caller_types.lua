-- A side trace that returns from the function its parent's loop ran in
-- goes on in the caller, renumbering its slots. A caller register must
-- not take the type the parent's exit left in the callee's slot of the
-- same number: here the caller's x turns from a number into a string.
local function f(n)
  local s = 0
  for i = 1, n do s = s + i + n end
  return s
end

local function g(x, n)
  local r = f(n)
  return x + r
end

local out = {}
for k = 1, 300 do
  local x = k
  if k > 200 then x = tostring(k) end
  out[#out + 1] = g(x, 10)
end
print(table.concat(out, " ", 190, 210))
