-- %f frontier patterns at word boundaries, string ends and with sets
print(string.find("THE (quick) fox", "%f[%a]%a+"))
print(string.gsub("hello world from lua", "%f[%w]%w+", function(w) return w:upper() end))
print(string.find("abc", "%f[%z]"), string.find("abc", "%f[a]"), string.find("", "%f[%z]"))
print(string.match("key=value", "%f[^=]=?(%w+)$"))
print(pcall(string.find, "a", "%f"))
print(pcall(string.find, "a", "%fa"))
