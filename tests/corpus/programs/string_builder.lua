-- building, splitting and joining strings
local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end
local parts = split("a,b,,c", ",")
print(#parts, table.concat(parts, "|"))
local buf = {}
for i = 1, 10 do buf[#buf + 1] = string.rep(string.char(64 + i), i) end
local s = table.concat(buf)
print(#s, s:sub(1, 10), s:sub(-10))
