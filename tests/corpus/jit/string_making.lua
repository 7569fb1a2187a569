-- strings made inside traces: .. of strings and numbers, tostring of numbers, string.sub with relative and clamped positions; then a type the trace did not expect
local parts = {}
for i = 1, 200 do
  parts[#parts + 1] = "k" .. i .. ":" .. (i * 0.5)
end
print(#parts, parts[1], parts[77], parts[200])

local s = "the quick brown fox"
local acc = 0
local subs = {}
for i = 1, 200 do
  local a = string.sub(s, i % 20, -(i % 7) - 1)
  acc = acc + #a
  if i % 50 == 0 then subs[#subs + 1] = a end
end
print(acc, table.concat(subs, "|"))

local strs = {}
for i = 1, 200 do
  strs[i % 10 + 1] = tostring(i / 8) .. tostring(-i) .. tostring(2 ^ 60 + i)
end
print(table.concat(strs, ","))

-- the same string built again is the same (interned) object
local same = 0
for i = 1, 200 do
  if "x" .. (i % 3) == "x1" then same = same + 1 end
end
print(same)

-- an operand becomes a table: the interpreter raises the error
local ok, err = pcall(function()
  local r = ""
  for i = 1, 200 do
    local v = i == 150 and {} or i
    r = "v=" .. v
  end
  return r
end)
print(ok, err)

-- numbers get a __tostring: tostring inside the compiled loop must see it
local out = {}
for i = 1, 150 do
  if i == 100 then debug.setmetatable(0, { __tostring = function(n) return "N" end }) end
  out[#out + 1] = tostring(i)
end
debug.setmetatable(0, nil)
print(out[99], out[100], out[150])

-- string.sub with a non-integer position: the interpreter truncates it
local t = {}
for i = 1, 150 do
  local p = i == 120 and 2.5 or 2
  t[#t + 1] = string.sub("abcdef", p, 4)
end
print(t[1], t[120], t[150])

-- numbers first: number .. string, number .. number, and three numbers
local mixed = {}
for i = 1, 200 do
  mixed[i % 4 + 1] = i .. "x" .. (i / 4) .. i .. -i
  mixed[5] = (i * 2) .. i
end
print(table.concat(mixed, "|"))
