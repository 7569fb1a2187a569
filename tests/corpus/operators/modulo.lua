-- % is a - floor(a/b)*b, so the result takes the divisor's sign
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(5.5 % 2, -5.5 % 2, 5.5 % -2)
print(3 % math.huge, -3 % math.huge)
print(1 % 0, 0 % 0)
print(10 % 2.5, 2^53 % 3)
