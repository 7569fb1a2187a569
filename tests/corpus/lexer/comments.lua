-- line comments, long comments of several levels, comments between tokens
print(1) -- a line comment
--[[ a long
comment ]] print(2)
--[==[ level two
]] still comment
]==] print(3)
print(--[[inline]] 4)
---[[ not a long comment
print(5)
--]]
--[=[]=]print(6)
