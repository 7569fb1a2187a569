-- lines longer than stdio's buffers, counts across buffer boundaries
local f = io.tmpfile()
local long = string.rep("0123456789", 3000)
f:write(long, "\n", long, long, "\nshort\n")
f:seek("set")
local a = f:read("*l")
print(#a, a == long)
local b = f:read("*L")
print(#b, b == long .. long .. "\n")
print(f:read("*l"), f:read("*l"))
f:seek("set")
local n = 0
while true do
  local s = f:read(7000)
  if not s then break end
  n = n + #s
end
print(n)
f:seek("set", 8190)
print(f:read(5), #f:read("*a"))
f:close()
