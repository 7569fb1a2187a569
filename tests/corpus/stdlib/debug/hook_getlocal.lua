-- debug.getlocal and setlocal from a line hook read and change the hooked function's locals
local seen = {}
debug.sethook(function(e, l)
  local i = 1
  local names = {}
  while true do
    local name, v = debug.getlocal(2, i)
    if not name then break end
    if name:sub(1, 1) ~= "(" then names[#names + 1] = name .. "=" .. (type(v) == "number" and v or type(v)) end
    i = i + 1
  end
  seen[#seen + 1] = l .. ":" .. table.concat(names, ",")
  if l == 16 then debug.setlocal(2, 2, 100) end
end, "l")
local function g(p, q)
  local r = p * q
  return r
end
local res = g(3, 4)
debug.sethook()
print(res)
print(table.concat(seen, "\n"))
