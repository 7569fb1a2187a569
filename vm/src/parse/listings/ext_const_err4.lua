const f = 1
function f() end
