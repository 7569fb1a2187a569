-- __lt and __le on userdata
local mt
local function P(v)
  local p = newproxy(true)
  mt = getmetatable(p)
  mt.__lt = function(a, b) return true end
  mt.__le = function(a, b) return false end
  return p
end
local a = P(1)
local b = newproxy(a)
print(a < b, a <= b, a > b, a >= b)
