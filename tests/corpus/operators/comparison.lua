-- comparison operators on numbers and strings
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 > 0)
print(1 == 1.0, 1 ~= 1, "a" == "a", "a" ~= "b")
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "a" < "aa")
print("10" < "9", 10 < 9)
print(1 == "1", "1" ~= 1)
print(nil == false, false == false, nil == nil)
print(-0 == 0, 0/0 == 0/0)
