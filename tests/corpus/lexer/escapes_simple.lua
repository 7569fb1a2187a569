-- the single-character escapes give the expected bytes
local s = "a\tb\\c\"d\'e"
print(s, #s)
print(string.byte("\a\b\f\n\r\t\v", 1, -1))
print(#"\\", #"\"", #'\'')
print("line1\nline2")
print('single "quotes" inside', "double 'quotes' inside")
