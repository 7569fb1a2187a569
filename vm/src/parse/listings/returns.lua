local function f1() return end
local function f2() return 1, 2, 3 end
local function f3(...) return ... end
local function f4(...) return 1, ... end
local function f5(a) return a end
local function f6(a) return (a) end
local function f7(a) return a.b end
local function f8(a) return a:b() end
local function f9(a) return f1(a), f2(a) end
local function f10(a) return (f1(a)) end
local function f11(a) if a then return 1 else return 2 end end
local function f12(a) while a do return end end
local function f13(a, b) return a and b end
local function f14(a) return not a end
