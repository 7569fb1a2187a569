-- uncaught unary minus on a non-numeric string global
name = "abc"
print(-name)
