-- a long but finite __index chain still works
local base = {answer = 42}
local t = base
for i = 1, 50 do t = setmetatable({}, {__index = t}) end
print(t.answer)
local deep = base
for i = 1, 200 do deep = setmetatable({}, {__index = deep}) end
print(pcall(function() return deep.answer end))
