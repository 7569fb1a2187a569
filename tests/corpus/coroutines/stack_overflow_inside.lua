-- a stack overflow inside a coroutine is reported by resume
local co = coroutine.create(function()
  local function f() return 1 + f() end
  return f()
end)
local ok, err = coroutine.resume(co)
print(ok, string.find(err, "stack overflow", 1, true) ~= nil, coroutine.status(co))
