-- os.remove and os.rename failures return nil, LuaJIT's message text and errno
print(os.remove("tests/corpus/stdlib/os/does_not_exist.txt"))
print(os.rename("tests/corpus/stdlib/os/does_not_exist.txt", "tests/corpus/stdlib/os/other.txt"))
print(os.remove("tests/corpus/stdlib/os/no_such_dir/x"))
print(pcall(os.remove))
print(pcall(os.rename, "a"))
print(os.remove("tests/corpus/stdlib"))
