-- table.foreach and foreachi stop at the first non-nil result and return it
print(table.foreachi({10, 20, 30}, function(i, v) if v == 20 then return "stop at " .. i end end))
print(table.foreach({a = 1}, function(k, v) return k, v end))
print(table.foreachi({1, 2, nil, 4}, function(i, v) io.write(i, "=", tostring(v), " ") end))
print(pcall(table.foreach, {}, nil))
print(pcall(table.foreachi, {1}, "x"))
