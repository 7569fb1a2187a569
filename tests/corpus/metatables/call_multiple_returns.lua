-- __call results are returned like a normal call's
local t = setmetatable({}, {__call = function(_, ...) return select("#", ...), ... end})
print(t())
print(t(nil, nil))
local function tail() return t("x") end
print(tail())
