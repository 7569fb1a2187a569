-- the stack is usable again after an overflow, more than once
local function f() return f() + 1 end
for i = 1, 3 do
  local ok, err = pcall(f)
  print(i, ok, string.find(err, "stack overflow", 1, true) ~= nil)
end
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
