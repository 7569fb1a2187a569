-- uncaught non-number step of a numeric for
for i = 1, 10, {} do end
