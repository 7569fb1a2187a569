-- numbers used where strings are expected convert; string methods need strings
print(string.rep(5, 3), string.len(123), string.upper(1e3))
print(("x"):rep(3), string.sub(12345, 2, 3))
print(pcall(function() local n = 5 return n:rep(2) end))
