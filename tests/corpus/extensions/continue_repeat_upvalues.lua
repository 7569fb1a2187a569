-- continue in repeat-until evaluates the condition, also when the body's locals are captured
local fs, i = {}, 0
repeat
  i = i + 1
  local v = i
  fs[#fs + 1] = function() return v end
  local stop = i >= 4
  if i % 2 == 0 then continue end
  v = v * 100
until stop
for _, f in ipairs(fs) do io.write(f(), " ") end
print()
local n = 0
repeat
  n = n + 1
  do
    local c = n
    local g = function() return c end
    if g() < 3 then continue end
  end
until n >= 5
print(n)
