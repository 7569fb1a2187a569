-- a backward goto forms a loop
local i = 1
local out = {}
::again::
out[#out + 1] = i
i = i + 1
if i <= 5 then goto again end
print(table.concat(out, " "))
