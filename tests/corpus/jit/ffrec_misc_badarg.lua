-- (calls in parentheses: not tail calls, so they are recorded) recorded rawget/rawset/rawequal/select/unpack/type/modf given wrong arguments after the trace compiled raise LuaJIT's errors
local function run(name, f, good, bad)
  local r = 0
  local ok, err = pcall(function()
    for i = 1, 100 do
      local x = good
      if i == 80 then x = bad end
      r = r + f(x)
    end
  end)
  print(name, ok, err, r)
end
local t = {5, 6, 7}
run("rawget", function(x) return (rawget(x, 1)) end, t, "s")
run("rawget2", function(x) return (rawget(t, x)) end, 2, nil)
run("rawset", function(x) rawset(x, 1, 5) return 1 end, t, 7)
run("rawequal", function(x) return rawequal(x) and 1 or 0 end, 1, nil)
run("select", function(x) return (select(x, 4, 5, 6)) end, 2, "x")
run("select0", function(x) return (select(x, 4, 5, 6)) end, 3, 0)
run("selectneg", function(x) return (select(x, 4, 5, 6)) end, 1, -1)
run("unpack", function(x) return (unpack(x, 1, 1)) end, t, 5)
run("unpack2", function(x) return (unpack(t, x, 2)) end, 1, "z")
run("type", function(x) return #type(x) end, 1, nil)
run("modf", function(x) return (math.modf(x)) end, 1.5, "q")
run("modfs", function(x) return (math.modf(x)) end, 1.5, "2.5")
run("bytefrac", function(x) return (string.byte("hello", x)) end, 2, 2.7)
run("bytestr", function(x) return (string.byte("hello", x)) end, 2, "3")
