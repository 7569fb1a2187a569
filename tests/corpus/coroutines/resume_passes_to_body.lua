-- the first resume's arguments become the body's parameters
local co = coroutine.create(function(...) return select("#", ...), ... end)
print(coroutine.resume(co, nil, "b", nil))
