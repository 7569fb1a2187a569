-- tail calls into builtin functions
local function f(s) return string.upper(s) end
local function g(...) return select("#", ...) end
local function h(t) return unpack(t) end
print(f("abc"), g(1, 2, 3), h({4, 5}))
local function deep(n) if n == 0 then return tostring(n) end return deep(n - 1) end
print(deep(100000))
