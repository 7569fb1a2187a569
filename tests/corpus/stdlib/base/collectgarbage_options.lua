-- collectgarbage options and their return values
print(collectgarbage("collect"), collectgarbage(), collectgarbage("stop"), collectgarbage("restart"))
print(type(collectgarbage("count")), collectgarbage("count") > 0, type(gcinfo()))
print(type(collectgarbage("step")), type(collectgarbage("step", 1)))
print(collectgarbage("setpause", 150), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 200))
print(pcall(collectgarbage, "bogus"))
print(pcall(collectgarbage, 1))
print(select('#', collectgarbage("collect")))
