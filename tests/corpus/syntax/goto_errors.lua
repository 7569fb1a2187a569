-- goto and label errors found at compile time
print(loadstring("goto nowhere"))
print(loadstring("::a:: ::a::"))
print(loadstring("do goto l end local x = 1 ::l:: print(x)"))
print(loadstring("local function f() goto out end ::out::"))
print(loadstring("do ::inner:: end goto inner"))
