for i = 1, 3 do
 local x = i
 if i == 2 then goto skip end
 f(function() return x end)
 ::skip::
end
while true do
 local y
 f(function() return y end)
 if y then break end
end
repeat
 local z
 f(function() return z end)
until z
