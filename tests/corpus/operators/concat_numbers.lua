-- numbers convert to strings with %.14g when concatenated
print(1 .. "", 1.5 .. "", -0.0 .. "", 1e100 .. "")
print(0.1 .. "|" .. 1/3 .. "|" .. 2^53)
print(10 / 2 .. "", 2^63 .. "", -1e-7 .. "")
print(pcall(loadstring, "return 1 // 2"))
