-- tonumber on strings, numbers and other values
print(tonumber("42"), tonumber("  42  "), tonumber("4.5"), tonumber("-0x1A"))
print(tonumber("1e3"), tonumber(".5"), tonumber("5."), tonumber("0x.8"))
print(tonumber("abc"), tonumber(""), tonumber(" "), tonumber("1 2"))
print(tonumber(nil), tonumber(true), tonumber({}) == nil)
print(tonumber(7), tonumber(-0.0))
print(tonumber("inf"), tonumber("nan"), tonumber("1e500"))
