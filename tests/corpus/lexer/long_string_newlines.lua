-- CR, LF and their pairs inside long strings become a single \n
local function bytes(s) return table.concat({string.byte(s, 1, -1)}, ",") end
print(bytes(loadstring("return [[a\r\nb]]")()))
print(bytes(loadstring("return [[a\n\rb]]")()))
print(bytes(loadstring("return [[a\rb]]")()))
print(bytes(loadstring("return [[a\n\nb]]")()))
print(bytes(loadstring("return [[\r\nfirst newline skipped]]")()):sub(1, 3))
print(bytes(loadstring("return 'a\\\r\nb'")()))
