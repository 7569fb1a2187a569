-- underscores may separate digits in number literals but not in strings
print(1_000_000, 0x_ff, 0xff_ff, 1_0.5, 1e1_0)
print(tonumber("1_000"), pcall(function() return "1_000" + 0 end))
print(loadstring("return _1") ~= nil, loadstring("return 1_")(), loadstring("return 0x_"))
