-- long strings keep inner newlines and nested-looking brackets
local s = [==[
line 1
  line 2 [[not nested]]
line 3]==]
print(s)
local n = 0
for _ in string.gmatch(s, "\n") do n = n + 1 end
print("newlines", n)
