-- error(msg, 2) in a foreach/foreachi callback points into LuaJIT's Lua-written builtin
print(pcall(table.foreachi, {1}, function() error("boom", 2) end))
print(pcall(table.foreach, {1}, function() error("boom", 2) end))
