-- a recorded math call that gets a wrong argument type after the trace compiled raises LuaJIT's error
local function run(f, bad)
  local r = 0
  local ok, err = pcall(function()
    for i = 1, 100 do
      local x = i
      if i == 80 then x = bad end
      r = r + f(x)
    end
  end)
  print(ok, err, r)
end
run(math.sin, "abc")
run(math.sin, "2")
run(math.log10, nil)
run(math.exp, {})
run(math.deg, "x")
run(math.rad, "3")
run(function(x) return math.atan2(x, 1) end, true)
run(function(x) return math.fmod(1, x) end, "y")
run(function(x) return math.log(2, x) end, false)
run(function(x) return math.pow(x, 2) end, nil)
