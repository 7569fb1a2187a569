local i = 0
repeat
  if i then continue end
  local x = 1
until x
