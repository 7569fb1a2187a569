-- uncaught call of a nil global
print("calling")
undefined_function(1, 2)
