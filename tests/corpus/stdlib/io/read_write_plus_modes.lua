-- r+ keeps contents and writes over them, a+ appends, w+ truncates
local name = os.tmpname()
local f = io.open(name, "w") f:write("abcdef") f:close()
f = io.open(name, "r+") f:write("XY") f:seek("set") print(f:read("*a")) f:close()
f = io.open(name, "a+") f:write("++") f:seek("set") print(f:read("*a")) f:close()
f = io.open(name, "w+") print(f:read("*a") == "") f:close()
os.remove(name)
