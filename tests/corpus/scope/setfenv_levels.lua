-- setfenv with a level changes the environment of a running function
local function f()
  setfenv(1, {print = print, marker = "new env"})
  print(marker)
end
marker = "global marker"
f()
print(marker)
local function outer()
  local function inner() setfenv(2, {print = print, v = "outer's env"}) end
  inner()
  print(v)
end
outer()
print(pcall(setfenv, 1000, {}))
