local a, b = ...
local f = |x,
  y| ->
  x +
  y
local g = x
  ->
  do
    local z = x
    return z
  end
local c = a
  ? b
  : f(1,
    2)
a
  +=
  b
local t = {}
t
  ?.x
  ?.y
  = a ?? b
  ?? c
continue = 1
for i = 1, 2 do
  if i then
    continue
  end
end
const k =
  a | b
  << 2
return k, ~
  a
