-- numbers convert to strings in concatenation
print(1 .. 2, 1.25 .. "x", -1 .. "")
print(type(1 .. ""), #(12345 .. ""))
print(2^53 .. "", 1e300 .. "", (0/0 ~= 0/0) and "nan-check" or "")
