-- / is always float division
print(7 / 2, -7 / 2, 1 / 3)
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0)
print(6 / 3, 2^60 / 2^30)
print(1 / -0, 1 / (-1 * 0))
