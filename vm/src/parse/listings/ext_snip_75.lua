for i = 1, 2 do repeat local y = 1 continue until y end
