-- ?. indexes only when the value is not nil
local t = {a = {b = {c = "deep"}}, n = false}
local none = nil
print(t?.a?.b?.c, t?.x?.y, none?.anything)
print(pcall(function() return t.n?.x end))
print(pcall(function() local s = 5 return s?.x end))
print(loadstring("local t return t?:m()"))
