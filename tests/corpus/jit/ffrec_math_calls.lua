-- math functions recorded as helper calls in hot loops, on edge values (NaN, +-0, inf, huge, negative)
local vals = {0, -0, 1, -1, 0.5, -0.5, 2, 10, 1e308, -1e308, 1/0, -1/0, 0/0, 3.25, -7.75, 1e-310}
local fmt = string.format
-- Each expression gets its own loop (a chunk) so the call is recorded directly.
local function show(name, expr)
  local loop = loadstring([[
    local vals, fmt = ...
    local out = {}
    for i = 1, #vals do
      local x = vals[i]
      out[i] = ]] .. expr .. [[

    end
    for i = 1, #out do out[i] = fmt("%.17g", out[i]) end
    return table.concat(out, " ")
  ]])
  print(name, loop(vals, fmt))
end
show("sin", "math.sin(x)")
show("cos", "math.cos(x)")
show("tan", "math.tan(x)")
show("asin", "math.asin(x)")
show("acos", "math.acos(x)")
show("atan", "math.atan(x)")
show("sinh", "math.sinh(x)")
show("cosh", "math.cosh(x)")
show("tanh", "math.tanh(x)")
show("exp", "math.exp(x)")
show("log", "math.log(x)")
show("log10", "math.log10(x)")
show("log2arg", "math.log(x, 2)")
show("logbase", "math.log(100, x)")
show("log3", "math.log(x, 3)")
show("deg", "math.deg(x)")
show("rad", "math.rad(x)")
show("atan2a", "math.atan2(x, -1)")
show("atan2b", "math.atan2(1, x)")
show("fmod1", "math.fmod(x, 3)")
show("fmod2", "math.fmod(7.5, x)")
show("pow1", "math.pow(x, 0.5)")
show("pow2", "math.pow(2, x)")
show("pow3", "math.pow(x, -3)")
-- accumulate in one loop
local s = 0
for i = 1, 200 do
  s = s + math.sin(i) * math.cos(i) + math.exp(-i) + math.fmod(i, 7) + math.log(i, 10) + math.deg(i) - math.rad(i)
end
print(fmt("%.17g", s))
