-- errors at the end of the input say <eof>
print(loadstring("x ="))
print(loadstring("return 1 +"))
print(loadstring("local"))
print(loadstring("f("))
print(loadstring("t = {"))
