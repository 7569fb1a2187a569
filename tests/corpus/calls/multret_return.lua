-- return f() returns all of f's results; return (f()) only the first
local function three() return 1, 2, 3 end
local function all() return three() end
local function first() return (three()) end
local function more() return 0, three() end
local function fewer() return three(), 0 end
print(all())
print(first())
print(more())
print(fewer())
