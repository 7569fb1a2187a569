-- a generator built from a coroutine used in a for loop
local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step do coroutine.yield(i) end
  end)
end
local out = {}
for v in range(10, 3) do out[#out + 1] = v end
print(table.concat(out, " "))
