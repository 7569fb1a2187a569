-- a program with an invalid escape fails to load
print("fine")
print("bad \q escape")
