-- collectgarbage options return numbers or zero
print(collectgarbage("collect"))
print(type(collectgarbage("count")))
print(collectgarbage("step") ~= nil)
print(type(collectgarbage("setpause", 200)), type(collectgarbage("setstepmul", 200)))
print(collectgarbage())
print(pcall(collectgarbage, "bogus"))
