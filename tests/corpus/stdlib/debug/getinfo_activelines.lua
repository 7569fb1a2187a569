-- getinfo "L": activelines holds the lines that have code, C functions have none
local function f(x)
  local y = x
  -- a comment
  if y then
    y = y + 1
  end

  return y
end
local function keys(t)
  local ks = {}
  for k, v in pairs(t) do ks[#ks + 1] = k .. "=" .. tostring(v) end
  table.sort(ks)
  return table.concat(ks, " ")
end
print(keys(debug.getinfo(f, "L").activelines))
print(debug.getinfo(print, "L").activelines)
local function empty() end
print(keys(debug.getinfo(empty, "L").activelines))
local m = debug.getinfo(1, "L").activelines
print(m[1], m[2], m[11], m[17], m[18], m[19], m[20])
