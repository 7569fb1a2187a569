-- every strftime conversion of os.date on a fixed UTC time
local t = 1700000000
for c in ("aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"):gmatch(".") do
  print(c, os.date("!%" .. c, t))
end
