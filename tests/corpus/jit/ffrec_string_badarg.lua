-- string.len/byte recorded in a loop that then gets a wrong argument type raise LuaJIT's errors
local function run(f, bad)
  local r = 0
  local ok, err = pcall(function()
    for i = 1, 100 do
      local x = "abc"
      if i == 80 then x = bad end
      r = r + f(x)
    end
  end)
  print(ok, err, r)
end
run(string.len, {})
run(string.len, 12345)
run(string.len, nil)
run(string.byte, false)
run(string.byte, 987)
run(function(s) return string.byte(s, 2) end, {})
run(function(s) return #type(s) end, nil)
