-- a long chain of concatenations and additions compiles and runs
local parts = {}
for i = 1, 150 do parts[i] = "'" .. (i % 10) .. "'" end
local f = loadstring("return " .. table.concat(parts, " .. "))
local s = f()
print(#s, s:sub(1, 20))
local nums = {}
for i = 1, 150 do nums[i] = tostring(i) end
print(loadstring("return " .. table.concat(nums, " + "))())
