local x, t, g
local
m =
{f(b)}
