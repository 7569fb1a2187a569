-- bit.band with a non-numeric string, uncaught
print(bit.band("0xff", 15))
bit.band(1, "fifteen")
