-- caught call errors describe the called value
local up = 3
print(pcall(function() local l = {} l() end))
print(pcall(function() gfunc() end))
print(pcall(function() local t = {} t.m() end))
print(pcall(function() local t = {} t:m() end))
print(pcall(function() up() end))
print(pcall(function() local t, k = {}, "k" t[k]() end))
print(pcall(function() local t = {sub = {}} t.sub.deeper() end))
print(pcall(function() ("str")() end))
