-- varargs are captured through a table in a closure
local function bind(f, ...)
  local args = {n = select("#", ...), ...}
  return function() return f(unpack(args, 1, args.n)) end
end
local b = bind(function(...) return select("#", ...), ... end, 1, nil, nil)
print(b())
