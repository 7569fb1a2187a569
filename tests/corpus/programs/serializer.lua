-- a serializer with sorted keys, nesting and cycle detection
local function serialize(v, seen)
  seen = seen or {}
  local tv = type(v)
  if tv == "string" then return string.format("%q", v) end
  if tv ~= "table" then return tostring(v) end
  if seen[v] then return "<cycle>" end
  seen[v] = true
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  local parts = {}
  for _, k in ipairs(keys) do
    local ks = type(k) == "string" and k or "[" .. tostring(k) .. "]"
    parts[#parts + 1] = ks .. "=" .. serialize(v[k], seen)
  end
  seen[v] = nil
  return "{" .. table.concat(parts, ",") .. "}"
end
local t = {3, 1, name = "x", nested = {a = true, b = 1.5}, [10] = "ten"}
t.self = t
print(serialize(t))
