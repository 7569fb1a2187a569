-- math.log with a base, computed as LuaJIT does (log2(x) * (1/log2(b)))
print(math.log(8, 2), math.log(100, 10), math.log(1000, 10), math.log(27, 3), math.log(2^0.5, 2))
print(math.log(2, 0), math.log(0, 2), math.log(-1), math.log(0), math.log(8, 1), math.log(1, 1))
print(math.log(10, 2), math.log(3, 10), math.log(1e300, 7), math.log("4", "2"))
