-- keywords are not names but work as string keys
local t = {["end"] = 1, ["while"] = 2, ["nil"] = 3}
print(t["end"], t["while"], t["nil"])
t["function"] = "f"
print(t["function"])
print(loadstring("local t = {} t.end = 1") == nil)
