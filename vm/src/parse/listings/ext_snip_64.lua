const a = 1 a, b = 1, 2
