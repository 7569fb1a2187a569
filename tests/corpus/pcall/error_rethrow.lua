-- a caught error can be rethrown unchanged
local function risky() error({reason = "bad"}) end
local ok, e = pcall(risky)
local ok2, e2 = pcall(function() error(e) end)
print(ok, ok2, e2 == e, e2.reason)
local ok3, e3 = pcall(function()
  local ok, err = pcall(error, "text", 0)
  error(err, 0)
end)
print(ok3, e3)
