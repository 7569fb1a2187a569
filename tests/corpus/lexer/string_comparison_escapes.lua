-- escaped and literal forms of the same string are equal
print("\65" == "A", "\x41" == "A", "\u{41}" == "A", [[A]] == "A")
print("\n" == [[

]])
print('\'' == "'", "\"" == '"')
