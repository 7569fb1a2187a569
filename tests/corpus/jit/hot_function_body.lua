-- a long function called only from the interpreter (jit.off caller) gets a trace from its entry to its return; a short one does not; an argument turns into a string mid-run
local function body(x) local a = x
a = a * 0.5 + 0
a = a * 0.5 + 1
a = a * 0.5 + 2
a = a * 0.5 + 3
a = a * 0.5 + 4
a = a * 0.5 + 5
a = a * 0.5 + 6
a = a * 0.5 + 7
a = a * 0.5 + 8
a = a * 0.5 + 9
a = a * 0.5 + 10
a = a * 0.5 + 11
a = a * 0.5 + 12
a = a * 0.5 + 13
a = a * 0.5 + 14
a = a * 0.5 + 15
a = a * 0.5 + 16
a = a * 0.5 + 17
a = a * 0.5 + 18
a = a * 0.5 + 19
a = a * 0.5 + 20
a = a * 0.5 + 21
a = a * 0.5 + 22
a = a * 0.5 + 23
a = a * 0.5 + 24
a = a * 0.5 + 25
a = a * 0.5 + 26
a = a * 0.5 + 27
a = a * 0.5 + 28
a = a * 0.5 + 29
a = a * 0.5 + 30
a = a * 0.5 + 31
a = a * 0.5 + 32
a = a * 0.5 + 33
a = a * 0.5 + 34
a = a * 0.5 + 35
a = a * 0.5 + 36
a = a * 0.5 + 37
a = a * 0.5 + 38
a = a * 0.5 + 39
a = a * 0.5 + 40
a = a * 0.5 + 41
a = a * 0.5 + 42
a = a * 0.5 + 43
a = a * 0.5 + 44
a = a * 0.5 + 45
a = a * 0.5 + 46
a = a * 0.5 + 47
a = a * 0.5 + 48
a = a * 0.5 + 49
a = a * 0.5 + 50
a = a * 0.5 + 51
a = a * 0.5 + 52
a = a * 0.5 + 53
a = a * 0.5 + 54
a = a * 0.5 + 55
a = a * 0.5 + 56
a = a * 0.5 + 57
a = a * 0.5 + 58
a = a * 0.5 + 59
 return a end
local function short(x) return x + 1 end
local function driver()
  local s = 0
  for i = 1, 1000 do s = s + body(i) + short(i) end
  return s
end
jit.off(driver)
print(math.floor(driver()))
local function bad() local s = 0 for i = 1, 200 do s = s + body(i == 150 and "x" or i) end return s end
jit.off(bad)
print(pcall(bad))
