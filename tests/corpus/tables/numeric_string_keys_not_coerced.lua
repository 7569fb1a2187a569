-- table keys are never converted between strings and numbers
local t = {["1"] = "s", [1] = "n", ["1.0"] = "s1.0"}
print(t[1], t["1"], t[1.0], t["1.0"])
