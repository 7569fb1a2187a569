-- strings holding numbers convert in arithmetic
print("10" + 1, "3" * "4", "2" ^ "3", "7" % "4")
print("0x10" + 0, "1e2" + 0, " 5 " + 0, "-3" + 0)
print("1.5" * 2, 10 / "4")
print(-"2", - "-2")
print(type("10" + 0))
