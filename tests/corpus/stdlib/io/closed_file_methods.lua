-- every method of a closed file raises 'attempt to use a closed file'
local f = io.tmpfile()
f:close()
print(io.type(f), tostring(f))
for _, m in ipairs{"read", "write", "lines", "seek", "flush", "setvbuf", "close"} do
  print(m, pcall(f[m], f))
end
print(pcall(io.close, f))
print(type(select(2, pcall(io.lines, nil))))
