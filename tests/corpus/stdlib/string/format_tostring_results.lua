-- %s and %q call __tostring once and convert any result without further metamethods
local function mt(r) return setmetatable({}, {__tostring = function() return r end}) end
print(string.format("%s|%s|%s|%s", mt("str"), mt(1), mt(nil), mt(true)))
print(string.format("%5s|%q", mt(2.5), mt("q\n")))
print((string.format("%s", mt({})):gsub("0x%x+", "ADDR")))
print(pcall(string.format, "%s", setmetatable({}, {__tostring = function() error("inner") end})))
