-- finalizers at exit that always make another finalizable object stop after LuaJIT's 10 rounds
local function make(depth)
  local u = newproxy(true)
  getmetatable(u).__gc = function()
    io.write("round ", depth, "\n")
    _G["keep" .. depth] = make(depth + 1)
  end
  return u
end
keep = make(1)
