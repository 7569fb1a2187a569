-- closures made in the same iteration share that iteration's variable
local getters, setters = {}, {}
for i = 1, 3 do
  getters[i] = function() return i end
  setters[i] = function(v) i = v end
end
setters[2](20)
print(getters[1](), getters[2](), getters[3]())
