-- table.remove without a table, uncaught: LuaJIT's Lua-written builtin reports 'got nil'
print(table.remove({1, 2}))
table.remove()
