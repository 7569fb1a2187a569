-- semicolons may end statements, but Lua 5.1 has no empty statement
local a = 1; local b = 2;
print(a, b);
print(a + b); do local c = 3; print(c); end
print(loadstring(";"))
print(loadstring("local x = 1;;"))
print(loadstring("return 1;") ~= nil)
