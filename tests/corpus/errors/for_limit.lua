-- uncaught non-number limit of a numeric for
for i = 1, "ten" do end
