-- getinfo(1, "n") inside metamethods: namewhat "metamethod" and the event name, from the instruction that called it
local mt = {}
for _, k in ipairs{"__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm", "__concat", "__len",
                   "__eq", "__lt", "__le", "__index", "__newindex", "__call"} do
  mt[k] = function(...)
    local i = debug.getinfo(1, "n")
    print(k, i.name, i.namewhat)
    return 1
  end
end
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local x
x = a + 1; x = 1 - a; x = a * b; x = a / 2; x = a % 2; x = a ^ 2; x = -a; x = a .. "s"; x = #a
x = a == b; x = a < b; x = a <= b; x = a > b; x = a.foo; a.bar = 1; x = a(1)
x = a ~= b; x = a >= b
