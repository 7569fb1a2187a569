if true then f() end
if false then f() end
if nil then f() else g() end
if 1 then f() end
if "s" then f() end
local a = true and x
local b = false or x
local c = nil and x
local d = 1 or x
local e = x and nil
local g = not nil
local h = not 1
