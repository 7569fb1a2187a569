-- function statements with dotted and method names
local a = {b = {c = {}}}
function a.b.c.f(x) return "f" .. x end
function a.b.c:m(x) return self == a.b.c, x end
print(a.b.c.f(1), a.b.c:m(2))
function globalfn() return "global" end
print(globalfn(), type(_G.globalfn))
local function localfn() return "local" end
print(localfn(), _G.localfn)
