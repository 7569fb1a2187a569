-- break outside a loop is a compile error
print(loadstring("break"))
print(loadstring("if true then break end"))
print(loadstring("local function f() break end"))
print(loadstring("while true do break end") ~= nil)
