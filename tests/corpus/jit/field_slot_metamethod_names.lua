-- stores to metamethod names (__index) in a hot loop through an existing entry: the metamethod cache of the table must forget that __index was absent
local mt = { __index = nil, __dummy = 0 }
local obj = setmetatable({}, mt)
local found = 0
for i = 1, 300 do
  mt.__dummy = i
  if obj.missing then found = found + 1 end
  if i == 150 then mt.__index = { missing = true } end
  if i == 200 then mt.__index = nil end
  if i == 250 then mt.__index = function() return 1 end end
end
print(found, mt.__dummy)
