-- file:read("*n") edge cases: huge, tiny, hex, specials, partial exponents, long digit strings
local cases = {"0x123456789abcdef0123", "-1e5000", "0x1p99999", "4.9e-324", "2.5e-324", "0x1.fffffffffffffp1023", "0x", "-0x10", "+0x1e", "0xe+1", "1e+5", "1e-+5", "9007199254740993", "0.1e1", "INF", "NaN", "-Infinity", "infx", "nan(123)", ".e", "1.5E+3x", "0x.p1", "0x1p", "0x1p+", "0x1p-1z", string.rep("1", 400)}
for _, s in ipairs(cases) do
  local f = io.tmpfile()
  f:write(s) f:seek("set")
  local n = f:read("*n")
  print(string.format("%q", s), n, string.format("%q", f:read("*a")))
  f:close()
end
local f = io.tmpfile()
