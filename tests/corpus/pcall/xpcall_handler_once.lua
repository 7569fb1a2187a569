-- xpcall's handler is called once, with the original error value
local calls, seen = 0, nil
local function handler(e)
  calls = calls + 1
  seen = e
  return "H(" .. tostring(e) .. ")"
end
local function deep(n) if n == 0 then error("bottom", 0) end deep(n - 1) end
print(xpcall(function() deep(5) end, handler))
print(calls, seen)
print(xpcall(function() return "fine" end, handler))
print(calls)
