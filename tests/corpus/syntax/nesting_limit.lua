-- deeply nested expressions hit the parser's nesting limit
local function nested(n) return "return " .. ("("):rep(n) .. "1" .. (")"):rep(n) end
print(loadstring(nested(100))())
local f, err = loadstring(nested(1000))
print(f, err)
local g, err2 = loadstring("return " .. ("{"):rep(1000) .. ("}"):rep(1000))
print(g, err2)
