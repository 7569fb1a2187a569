-- functions added to the string table become string methods
function string.twice(s) return s .. s end
print(("ab"):twice(), ("x"):twice():twice())
local mt = getmetatable("")
mt.__index = function(s, k) return k == "len2" and function(self) return #self * 2 end or string[k] end
print(("abc"):len2(), ("abc"):upper())
mt.__index = string
print(("abc").len2)
