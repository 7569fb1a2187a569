-- a hot loop touching more than 60 live slots, then a guard failing deep in the frame
local function f(x)
  local a1,a2,a3,a4,a5,a6,a7,a8,a9,a10 = x,x+1,x+2,x+3,x+4,x+5,x+6,x+7,x+8,x+9
  local b1,b2,b3,b4,b5,b6,b7,b8,b9,b10 = a1*2,a2*2,a3*2,a4*2,a5*2,a6*2,a7*2,a8*2,a9*2,a10*2
  local c1,c2,c3,c4,c5,c6,c7,c8,c9,c10 = b1+1,b2+1,b3+1,b4+1,b5+1,b6+1,b7+1,b8+1,b9+1,b10+1
  local d1,d2,d3,d4,d5,d6,d7,d8,d9,d10 = c1-a1,c2-a2,c3-a3,c4-a4,c5-a5,c6-a6,c7-a7,c8-a8,c9-a9,c10-a10
  local e1,e2,e3,e4,e5,e6,e7,e8,e9,e10 = d1%7,d2%7,d3%7,d4%7,d5%7,d6%7,d7%7,d8%7,d9%7,d10%7
  local g1,g2,g3,g4,g5,g6,g7,g8,g9,g10 = e1+d1,e2+d2,e3+d3,e4+d4,e5+d5,e6+d6,e7+d7,e8+d8,e9+d9,e10+d10
  local h1,h2,h3,h4,h5 = g1+g2, g3+g4, g5+g6, g7+g8, g9+g10
  return h1 + h2 + h3 + h4 + h5 + a1 + b10 + c5 + d3 + e7
end
local s = 0
local xs = {}
for i = 1, 300 do xs[i] = i end
xs[280] = "oops"
local ok, err = pcall(function()
  for i = 1, 300 do s = s + f(xs[i]) end
end)
print(s, ok, err)
