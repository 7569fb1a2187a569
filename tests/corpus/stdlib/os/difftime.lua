-- os.difftime: truncation to whole seconds, default second argument, errors
print(os.difftime(10, 3), os.difftime(3, 10), os.difftime(5), os.difftime(7.9, 0.5), os.difftime("8", "2"))
print(os.difftime(2^53, -2^53), os.difftime(-1.5, 1.5))
print(pcall(os.difftime))
print(pcall(os.difftime, 1, {}))
