-- if / elseif / else chains pick the first true branch
local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "large" end
end
print(classify(-5), classify(0), classify(5), classify(50))
if nil then print("nil is false") elseif false then print("false") else print("else") end
if 0 then print("0 is true") end
if "" then print("empty string is true") end
