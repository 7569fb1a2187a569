-- concatenating values that are not strings or numbers fails
print(pcall(function() return "a" .. {} end))
print(pcall(function() return nil .. "a" end))
print(pcall(function() return "a" .. true end))
print(pcall(function() local f = print return f .. "x" end))
