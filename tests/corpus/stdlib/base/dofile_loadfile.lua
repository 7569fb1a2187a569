-- loadfile and dofile on a missing file, and dofile's errors
print(loadfile("tests/corpus/stdlib/base/no_such_file.lua"))
print(pcall(dofile, "tests/corpus/stdlib/base/no_such_file.lua"))
print(pcall(loadfile, {}))
