-- library builtins (math, string, table, io, os, bit) print as builtin#N
print(math.abs, math.floor, math.ceil, math.sqrt, math.sin, math.max, math.min, math.random, math.randomseed, math.fmod, math.log)
print(string.byte, string.char, string.sub, string.rep, string.format, string.find, string.gsub, string.gmatch, string.match)
print(string.gmatch("a", "a"))
print(table.insert, table.concat, table.sort, table.maxn, require("table.new"), require("table.clear"))
print(io.open, io.write, io.read, io.lines, io.type, io.stdout.write, io.stdout.close, io.stdout.lines)
print(os.time, os.date, os.clock, os.getenv, os.remove, os.rename, os.exit, os.difftime)
print(bit.band, bit.tohex, bit.tobit, jit.on, jit.status)
print(coroutine.wrap(print))
