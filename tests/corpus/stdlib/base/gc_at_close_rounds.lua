-- __gc finalizers run at exit create new finalizable userdata: they get further rounds
local n = 0
local function make(depth)
  local u = newproxy(true)
  getmetatable(u).__gc = function()
    n = n + 1
    print("finalize depth " .. depth)
    if depth < 3 then _G["keep" .. depth] = make(depth + 1) end
  end
  return u
end
keep = make(1)
print("end of chunk")
