-- ... in a table constructor expands only in last position
local function t1(...) return {...} end
local function t2(...) return {..., "end"} end
local function t3(...) return {"start", ...} end
print(#t1(1, 2, 3), #t2(1, 2, 3), #t3(1, 2, 3))
print(t2(1, 2, 3)[2], t3(1, 2, 3)[4])
