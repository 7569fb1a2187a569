-- string.byte: the end defaults to the start as given; starts before the string
print(string.byte("hi", -3))
print(("x"):byte(0))
print(("abc"):byte(-1), ("abc"):byte(1, -1))
print(("abc"):byte(2, 10))
print(("abc"):byte(-10, 2))
print(select("#", ("abc"):byte(3, 2)))
