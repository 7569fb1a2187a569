-- a tail call passes all results back
local function three() return 1, 2, 3 end
local function tail() return three() end
local function tail2(f, ...) return f(...) end
print(tail())
print(tail2(three))
print(tail2(select, 2, "a", "b", "c"))
print(tail2(function(...) return select("#", ...) end, nil, nil))
