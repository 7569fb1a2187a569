-- gsub with table and function replacements: false/nil keep the match, other types error
local t = {hello = "HI", world = false, n = 42}
print(string.gsub("hello world n x", "%a+", t))
print(string.gsub("a b c", "%a", function(c) if c == "b" then return nil end return c:upper() end))
print(string.gsub("abc", "(a)(b)", function(x, y) return y .. x end))
print(string.gsub("abc", "", function() return "." end))
print(pcall(string.gsub, "abc", "a", function() return {} end))
print(pcall(string.gsub, "abc", "a", {a = true}))
print(pcall(string.gsub, "abc", "a", true))
print(pcall(string.gsub, "abc", "a"))
print(string.gsub("abc", "%w", {a = 1, b = 2.5}))
