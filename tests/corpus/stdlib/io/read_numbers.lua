-- file:read("*n") follows C fscanf("%lf"): what it takes, what it leaves, what it rejects
local cases = {"12 rest", "  -3.5e2x", "1e", "1e+", "1ex", ".", ".5", "-.5", "0x", "0x1p4z",
  "0x1.8", "0xg", "nan!", "nax5", "inf", "infinity!", "infin", "+inf", "-", "--1", "1.2.3",
  "1e5.5", "", "   ", "abc", "0x1P-2", "1E2", "1..", "00012", "0X", "+.e1", "5e-400", "1e400",
  "\n\n7\n", "0x.8", "0x.", "1e-2", "123456789012345678", "0.1", "-0", "\t+4\v", "1,5"}
for _, s in ipairs(cases) do
  local f = io.tmpfile()
  f:write(s)
  f:seek("set")
  local n = f:read("*n")
  print(string.format("%q", s), n, string.format("%q", f:read("*a")))
  f:close()
end
local f = io.tmpfile()
f:write("1 2 3.5 x 4")
f:seek("set")
print(f:read("*n", "*n", "n", "*n", "*n"))
print(f:read("*a"))
f:close()
