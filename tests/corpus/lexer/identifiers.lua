-- identifiers may use letters, digits and underscores, and are case sensitive
local _ = 1
local _a1 = 2
local A_1 = 3
local a_1 = 4
local __ = 5
print(_, _a1, A_1, a_1, __)
local andy, orange, nothing, ending, iff = 6, 7, 8, 9, 10
print(andy, orange, nothing, ending, iff)
