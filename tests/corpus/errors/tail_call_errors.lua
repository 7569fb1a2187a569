-- errors raised by calls in tail position
print(pcall(function() return undefined_tail_fn() end))
print(pcall(function() local t = {} return t.missing() end))
print(pcall(function() local t = {} return t:method() end))
print(pcall(function() local n = 1 return n() end))
