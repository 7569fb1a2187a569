-- string "1" and number 1 are different keys
local t = {}
t[1] = "number"
t["1"] = "string"
print(t[1], t["1"])
t[10] = 10
print(t["10"], t[10])
