-- Prints each function's summary and pc:line pairs, children first, in the
-- format of the listings' `.lines` files. Run under the oracle:
--   LUA_PATH="/tmp/ljnew/src/?.lua;;" /tmp/ljnew/src/luajit lines.lua FILE.lua
local jutil = require("jit.util")
local function dumpf(fn, out)
  local fi = jutil.funcinfo(fn)
  local i = -1
  while true do
    local k = jutil.funck(fn, i)
    if k == nil then break end
    if type(k) == "proto" or (type(k) == "function") then dumpf(k, out) end
    i = i - 1
  end
  local parts = {string.format("F %d-%d params=%d framesize=%d upvalues=%d", fi.linedefined, fi.lastlinedefined, fi.params, fi.stackslots, fi.upvalues)}
  for pc = 1, fi.bytecodes - 1 do
    local li = jutil.funcinfo(fn, pc)
    parts[#parts + 1] = string.format("%d:%d", pc, li.currentline)
  end
  out[#out + 1] = table.concat(parts, " ")
end
local f = assert(loadfile(arg[1]))
local out = {}
dumpf(f, out)
print(table.concat(out, "\n"))
