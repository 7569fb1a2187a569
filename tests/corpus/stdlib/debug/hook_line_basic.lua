-- line hook: one event per new line, with the line number, in called functions too
local lines = {}
local function add(a, b)
  local s = a + b
  return s
end
debug.sethook(function(event, line)
  lines[#lines + 1] = event .. " " .. line
end, "l")
local x = add(1, 2)
local y = x * 2
debug.sethook()
print(table.concat(lines, "\n"))
