-- conditions with and/or evaluate only what they need
local calls = {}
local function v(name, value) calls[#calls + 1] = name return value end
if v("a", nil) and v("b", true) then print("no") end
if v("c", 1) or v("d", 2) then print("yes") end
while v("e", false) or v("f", nil) do end
repeat until v("g", true) or v("h", true)
print(table.concat(calls, " "))
local x = v("i", false) or v("j", "fallback")
print(x, #calls)
