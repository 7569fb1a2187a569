-- .. is right associative and binds looser than + and tighter than comparisons
print("a" .. "b" .. "c")
print(1 .. 2 .. 3)
print("x" .. 1 + 2)
print("n=" .. 2 * 3 .. "!")
print("ab" .. "c" == "abc")
print(#"abc" .. "d")
local t = {}
for i = 1, 5 do t[i] = i end
print(t[1] .. t[2] .. t[3] .. t[4] .. t[5])
