const a = 1 for a in pairs(t) do end
