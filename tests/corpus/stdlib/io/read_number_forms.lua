-- read("*n") on hex, exponents, signs, leading spaces and garbage
local name = os.tmpname()
local f = io.open(name, "w") f:write("  0x1F -2.5e2 +7 .5 1e 12abc inf") f:close()
f = io.open(name)
for i = 1, 8 do io.write(tostring(f:read("*n")), " ") end print()
f:close()
os.remove(name)
