-- string.match captures
print(("key = value"):match("(%w+)%s*=%s*(%w+)"))
print(("2024-01-15"):match("(%d+)-(%d+)-(%d+)"))
print(("no digits"):match("%d+"))
print(("  trim  "):match("^%s*(.-)%s*$") .. "|")
print(("abc"):match("()b()"))
