-- stopping and restarting the collector keeps the program working
collectgarbage("stop")
local t = {}
for i = 1, 10000 do t[i] = {} end
collectgarbage("restart")
t = nil
collectgarbage()
print("ok")
