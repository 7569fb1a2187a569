-- an invalid string.format conversion, uncaught
print(string.format("%5.1f", 1.25))
print(string.format("%-5%|"))
