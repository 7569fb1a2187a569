local function g(x)
 if x then return 1 end
 if x then return f(x) end
 local y = 2
 local h = function() return y end
 return h
end
