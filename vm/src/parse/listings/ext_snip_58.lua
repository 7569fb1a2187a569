x = !"a" ~= !nil
