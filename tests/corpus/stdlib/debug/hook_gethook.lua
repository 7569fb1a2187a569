-- debug.gethook: function, mask letters (c, r, l in that order) and count, in every case
local function h() end
local function show(...)
  local f, m, c = ...
  print(select("#", ...), f == h, f == nil, m, c)
end
show(debug.gethook())
debug.sethook(h, "lrc")
show(debug.gethook())
debug.sethook(h, "l", 5)
show(debug.gethook())
debug.sethook(h, "", 3)
show(debug.gethook())
debug.sethook(h, "", 0)
show(debug.gethook())
debug.sethook(h, "xyz", -2)
show(debug.gethook())
debug.sethook(h, 5)
show(debug.gethook())
debug.sethook()
show(debug.gethook())
debug.sethook(h, "c")
debug.sethook(nil)
show(debug.gethook())
