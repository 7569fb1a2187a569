local function f() continue end
