const a, a = 1, 2
