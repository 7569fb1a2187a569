-- os.remove/os.rename/os.tmpname argument checks
print(pcall(os.remove))
print(pcall(os.rename, "a"))
print(pcall(os.rename, {}, "b"))
print(select("#", os.remove("/nonexistent_neap_file")))
local n1, n2 = os.tmpname(), os.tmpname()
print(n1 ~= n2, os.remove(n1), os.remove(n2))
