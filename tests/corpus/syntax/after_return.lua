-- return must be the last statement of a block
print(loadstring("return 1 print(2)"))
print(loadstring("do return end print(2)") ~= nil)
print(loadstring("return; return"))
print(loadstring("return return"))
