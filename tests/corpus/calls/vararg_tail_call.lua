-- tail calls passing varargs through several levels
local function last(...) return select("#", ...), (select(select("#", ...), ...)) end
local function a(...) return last(...) end
local function b(...) return a(...) end
print(b(1, 2, 3))
print(b(nil, nil))
print(pcall(b))
