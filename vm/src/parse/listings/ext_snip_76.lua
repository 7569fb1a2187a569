while x do if x then break else continue end end
