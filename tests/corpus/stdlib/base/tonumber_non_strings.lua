-- tonumber of numbers, booleans, nil, tables and functions
print(tonumber(42), tonumber(-0.0), tonumber(1/0), tonumber(true), tonumber(nil), tonumber({}), tonumber(print))
print(select('#', tonumber({})), select('#', tonumber("x")))
