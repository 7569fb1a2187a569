-- a call as the last argument passes all its results
local function three() return 1, 2, 3 end
print(three())
print(three(), "end")
print("start", three())
print(three(), three())
print(select("#", three(), three()))
