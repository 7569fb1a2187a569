-- xpcall's handler receives error values of any type
local function h(e) return type(e) .. ":" .. tostring(type(e) == "table" and e.tag or e) end
print(xpcall(function() error({tag = "T"}) end, h))
print(xpcall(function() error(nil) end, h))
print(xpcall(function() error(12, 0) end, h))
print(xpcall(function() local x = nil; return x.y end, h))
