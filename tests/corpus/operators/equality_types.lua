-- values of different types are never equal
local t, f = {}, function() end
print(t == t, t == {}, f == f)
print(0 == false, "" == false, 0 == "0")
print(true == 1, nil == 0)
local a, b = {}, {}
print(a ~= b, rawequal(a, a), rawequal(a, b))
