-- uncaught bad argument to a builtin names the function
print(string.rep("x", 2))
string.rep()
