-- getlocal beyond the named locals: (*temporary) slots and negative indices for (*vararg) arguments
local function f(a, ...)
  local b = a
  for i = -1, -4, -1 do print(i, debug.getlocal(1, i)) end
  print(debug.getlocal(1, 0))
  print(debug.setlocal(1, -2, "changed"))
  print(...)
end
f(1, "x", "y", "z")
local function g()
  local t = {}
  table.sort({3, 1, 2}, function(x, y)
    local n, v = debug.getlocal(3, 1)
    t[1] = n
    return x < y
  end)
  return t[1]
end
print(g())
local function noargs() print(debug.getlocal(1, -1)) end
noargs()
print(debug.getlocal(print, 1), debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(g, 1))
