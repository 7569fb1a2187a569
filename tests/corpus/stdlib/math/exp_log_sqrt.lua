-- exp, log, log10, sqrt and pow on edge values
local function p(...) local t = {...} for i = 1, select('#', ...) do t[i] = string.format("%.14g", t[i]) end print(table.concat(t, " ")) end
p(math.exp(0), math.exp(1), math.exp(-1/0), math.exp(710), math.log(1), math.log(0), math.log(-0.0))
p(math.log10(1000), math.log10(0), math.sqrt(16), math.sqrt(-0.0), math.sqrt(1/0), math.pow(2, 10), math.pow(0, 0))
p(math.pow(-8, 1/3), math.pow(2, -1074), math.pow(-2, 3), math.pow(1, 0/0), math.pow(0/0, 0))
p(math.log(8, 2), math.log(100, 10), math.log(27, 3), math.log(2, 1), math.log(1, 1), math.log(8, "2"))
