local a, b = ...
local t = {..., 1}
local u = {1, ...}
f(...)
f(..., 1)
local c = select("#", ...)
return ...
