-- dumps of assorted code equal LuaJIT's byte for byte (same compiler output)
local function sum(s)
  local h = 0
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 2147483647 end
  return #s .. ":" .. h
end
local samples = {
  function(a, b, ...) local t = {...} return a and b or #t, select("#", ...) end,
  function(t) for k, v in pairs(t) do t[k] = v * 2 end for k, v in next, t do end return t end,
  function(x) return x & 0xff, x | 1, x ~ 3, ~x, x << 2, x >> 1 end,
  function(x) local y = x; y += 1; return y ?? 0 end,
  function() local s = 0 for i = 10, 1, -2 do s = s + i end return s end,
  function(n) goto skip; n = n + 1; ::skip:: return n end,
  function(o) return o:method(1, "two", 3.5), o.field.sub, o["key with spaces"] end,
  function() local a, b, c = 1, 2 local function f() return a, b, c end a = 3 return f end,
  function(x) while x > 0 do x = x - 1 if x == 5 then break end end repeat x = x + 1 until x > 3 return x end,
  function() return 123456789, 1e100, -1e-100, 2^53, 0x7fffffff, -0x80000000, 65536, 0.1 end,
  function(...) return #..., ... end,
  function(x) if x then return 1 elseif x == false then return 2 else return 3 end end,
  function(t) t.a, t.b = t.b, t.a; t[#t + 1] = "x"; return t end,
}
for i, f in ipairs(samples) do
  print(i, sum(string.dump(f, "d")), sum(string.dump(f, "sd")))
end
-- a chunk with many lines: line info takes two bytes per instruction
local src = "local x = 0\n" .. string.rep("x = x + 1\n", 300) .. "return x\n"
local chunk = loadstring(src, "=many_lines")
print(sum(string.dump(chunk)), loadstring(string.dump(chunk))())
-- many constants: indexes past 127 take two bytes
local parts = {}
for i = 1, 200 do parts[i] = "k" .. i .. " = " .. i + 0.5 end
local many = loadstring("local t = {} " .. table.concat(parts, " ") .. " return k200", "=many")
print(sum(string.dump(many)), loadstring(string.dump(many))())
