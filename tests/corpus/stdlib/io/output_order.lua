-- print, io.write, io.stdout:write and io.stderr:write keep their order on stdout
print("one")
io.write("two\n")
io.stdout:write("three\n")
io.stderr:write("")
print(io.stderr:write("to stderr\n") )
print(io.output() == io.stdout, io.input() == io.stdin)
print("four")
