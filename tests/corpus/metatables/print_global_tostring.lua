-- print calls the global tostring when it has been replaced
local original = tostring
tostring = function(v) return "<" .. original(v) .. ">" end
print(1, "a", nil)
tostring = original
print(1, "a", nil)
