-- a state machine driven by goto
local input = {"a", "b", "b", "a", "c"}
local i, trace = 0, {}
::state_start::
i = i + 1
if i > #input then goto finish end
trace[#trace + 1] = "S:" .. input[i]
if input[i] == "a" then goto state_a end
goto state_start
::state_a::
i = i + 1
if i > #input then goto finish end
trace[#trace + 1] = "A:" .. input[i]
if input[i] == "b" then goto state_a end
goto state_start
::finish::
print(table.concat(trace, " "))
