a.b.c:d(1):e(2)
local x = a:b()
x:y "s"
x:z {1}
local t = {}
function t.a.b.c:m() return self end
function t:n(...) return ... end
