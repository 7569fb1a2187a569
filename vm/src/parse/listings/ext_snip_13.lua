for i = 1, 2 do local function f() continue end end
