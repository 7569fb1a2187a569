-- uncaught indexing of a nil upvalue
local obj
local function use() return obj.value end
use()
