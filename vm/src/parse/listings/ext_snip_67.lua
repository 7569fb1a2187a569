const a = 1 local function g(a) end
