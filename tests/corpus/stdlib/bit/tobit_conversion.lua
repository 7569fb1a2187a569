-- bit.tobit: LuaJIT's 2^52+2^51 conversion (rounding, wrapping, huge values, inf, NaN)
local vals = {0, 1, -1, 1.5, 2.5, -0.5, -1.5, 0.5, 2^31, 2^32, 2^32+1, -2^31, -2^32-1,
  2^52, 2^53, 2^53+2, 2^63, 2^64, 2^70, 1e300, -1e300, 1/0, -1/0, 0/0,
  4294967295.5, 2^51+0.5, -2^51-0.5, 1e-300, -0.0}
for i, v in ipairs(vals) do print(i, bit.tobit(v)) end
