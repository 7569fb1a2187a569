-- io.open modes go to fopen as they are: valid ones with + and b, invalid ones fail with errno
local name = os.tmpname()
for _, m in ipairs{"r", "w", "a", "r+", "w+", "a+", "rb", "wb", "r+b", "rb+"} do
  local f = io.open(name, m)
  print(m, io.type(f))
  if f then f:close() end
end
for _, m in ipairs{"x", "rw", "", "r++", "br", "w+x"} do
  local f, msg, code = io.open(name, m)
  print(m, io.type(f), msg and msg:sub(#name + 1), code)
  if f then f:close() end
end
os.remove(name)
