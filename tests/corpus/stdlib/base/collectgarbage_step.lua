-- collectgarbage("step"): a big step finishes a cycle; small steps finish one eventually and free garbage
collectgarbage()
print(collectgarbage("step", 1000000))
local function garbage() for i = 1, 1000 do local t = {i} end end
garbage()
local before = collectgarbage("count")
local steps = 0
repeat steps = steps + 1 until collectgarbage("step", 0) or steps > 100000
print(steps >= 1, steps <= 100000, collectgarbage("count") < before)
print(type(collectgarbage("step", 1)))
