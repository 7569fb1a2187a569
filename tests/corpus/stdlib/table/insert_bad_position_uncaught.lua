-- table.insert with a non-numeric position, uncaught
local t = {}
table.insert(t, {}, 1)
