-- uncaught non-number initial value of a numeric for
for i = nil, 10 do end
