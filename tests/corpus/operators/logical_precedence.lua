-- and binds tighter than or; comparisons tighter than both
print(true or false and false)
print((true or false) and false)
print(1 < 2 and 2 < 3)
print(nil or 1 == 1)
print(false and 1 or 2, true and false or 3)
print(not nil and 1, not (nil and 1))
