-- os.setlocale queries and errors; os.execute's raw status values
print(os.setlocale(), os.setlocale("C"), os.setlocale(nil, "numeric"), os.setlocale("xx_YY"))
print(pcall(os.setlocale, "C", "bogus"))
print(os.execute() ~= 0, os.execute("exit 3"), os.execute("kill -9 $$"))
print(pcall(os.exit, {}))
