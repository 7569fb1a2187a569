-- os.remove and os.rename on real files, with LuaJIT's error returns
local name = os.tmpname()  -- creates an empty file
print(type(name), #name, name:sub(1, 9))
local function show(...)
  local t = {...}
  for i = 1, select("#", ...) do
    if type(t[i]) == "string" then t[i] = t[i]:gsub(name, "NAME", 1, true) end
    t[i] = tostring(t[i])
  end
  print(table.concat(t, " | "))
end
local other = name .. "_renamed"
show(os.rename(name, other))
show(os.rename(name, other))
show(os.remove(other))
show(os.remove(other))
show(os.remove("/nonexistent_dir_neap/x"))
show(os.rename("/nonexistent_dir_neap/a", "/tmp/b"))
show(os.remove(name))
