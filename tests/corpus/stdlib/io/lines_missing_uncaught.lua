-- io.lines on a missing file raises an argument error
for l in io.lines("no_such_dir_neap/missing.txt") do print(l) end
