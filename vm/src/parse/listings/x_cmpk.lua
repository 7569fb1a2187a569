local a
if 1 < a then end
if a < 1 then end
if a == 1 then end
if 1 == a then end
if "x" ~= a then end
if a ~= nil then end
if true == a then end
if a > 2 then end
if a >= 2 then end
if 2 >= a then end
if 1 < 2 then end
local b = a ~= a
