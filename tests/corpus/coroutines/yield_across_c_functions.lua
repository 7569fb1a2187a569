-- yields from callbacks of C library functions fail across the C boundary
local function attempt(name, f)
  local co = coroutine.create(f)
  local ok, err = coroutine.resume(co)
  print(name, ok, err)
end
attempt("gsub", function() return ("abc"):gsub("%w", function(c) coroutine.yield(c) end) end)
attempt("tostring", function()
  return tostring(setmetatable({}, {__tostring = function() coroutine.yield() return "x" end}))
end)
attempt("sort", function() table.sort({2, 1}, function(a, b) coroutine.yield() return a < b end) end)
attempt("load", function() return load(function() coroutine.yield() end) end)
