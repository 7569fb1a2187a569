-- os.date with "!" (UTC): every strftime conversion at a fixed time
local t = 1234567890
for c in ("aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"):gmatch(".") do
  print(c, os.date("!%" .. c, t))
end
print(os.date("!%Ec|%EC|%Ex|%EX|%Ey|%EY|%Od|%Oe|%OH|%OI|%Om|%OM|%OS|%Ou|%OU|%OV|%Ow|%OW|%Oy", t))
print(os.date("!%k|%l|%P|%s|%+", t))
