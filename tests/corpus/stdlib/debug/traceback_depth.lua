-- deep tracebacks keep their first and last levels with "..." between
local function r(n)
  if n == 0 then return debug.traceback("deep") end
  return (r(n - 1))
end
for _, depth in ipairs({5, 19, 20, 21, 40}) do
  local t = r(depth):gsub("0x%x+", "ADDR")
  print(depth, select(2, t:gsub("\n", "")), select(2, t:gsub("%.%.%.", "")))
end
print((r(25):gsub("0x%x+", "ADDR")))
