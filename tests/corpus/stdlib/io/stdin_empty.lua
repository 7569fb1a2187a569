-- reading an empty standard input; writing to stdin and reading stdout fail with EBADF
print(io.read())
print(io.read("*a"))
print(io.read("*n"))
print(io.read(0), io.read(5))
print(io.read("*l", "*a"))
for l in io.lines() do print("never", l) end
print(io.stdin:read("*L"))
print(io.stdin:write("x"))
print(io.stdout:read("*l"))
print(io.stdout:read(1))
print(io.stdin:seek("cur"))
print(io.type(io.stdin))
