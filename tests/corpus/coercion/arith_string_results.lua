-- string operands give number results that print as numbers
print("10" + 0, "10.0" + 0, "0x10" + 0, "1e1" + 0)
print("3" * "3", "2" ^ "10", "-7" % "3")
print(type("5" - "2"), "5" - "2" == 3)
print(10 .. "", "10" + 0 .. "")
