-- malformed patterns raise LuaJIT's errors
for _, p in ipairs{"%", "[a", "[", "[^", "(", ")", "(()", "%g", "a%", "[%", "[a-"} do
  print(p, pcall(string.find, "abc", p))
end
print(pcall(string.gsub, "abc", "(", "x"))
print(pcall(string.gmatch("abc", "[a"), nil))
