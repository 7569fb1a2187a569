-- count hook: called every n instructions, with event "count" and no line
local counts = {}
for _, n in ipairs({1, 2, 3, 7, 100}) do
  local events, last = 0, "?"
  debug.sethook(function(e, l) events = events + 1 last = e .. " " .. tostring(l) end, "", n)
  local s = 0
  for i = 1, 10 do s = s + i end
  debug.sethook()
  counts[#counts + 1] = n .. ":" .. events .. ":" .. last
end
print(table.concat(counts, " "))
