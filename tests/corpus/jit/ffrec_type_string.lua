-- type(), string.len and string.byte recorded in hot loops, with out-of-range and relative positions
local vals = {1, 2.5, "s", true, false, {}, print, coroutine.create(print), -0}
local nnum, nstr, nbool, ntab, nfun, nthr, tl = 0, 0, 0, 0, 0, 0, 0
for i = 1, 300 do
  local v = vals[i % #vals + 1]
  local t = type(v)
  if t == "number" then nnum = nnum + 1 end
  if t == "string" then nstr = nstr + 1 end
  if t == "boolean" then nbool = nbool + 1 end
  if type(v) == "table" then ntab = ntab + 1 end
  if t == "function" then nfun = nfun + 1 end
  if t == "thread" then nthr = nthr + 1 end
  tl = tl + #t + #type(nil)
end
print(nnum, nstr, nbool, ntab, nfun, nthr, tl)

local words = {"", "a", "hello", "\0\255x", "longer string here"}
local total = 0
for i = 1, 300 do
  local s = words[i % #words + 1]
  total = total + string.len(s)
end
print("len", total)

local h, misses = 0, 0
for i = 1, 300 do
  local s = words[i % #words + 1]
  local p = i % 9 - 4
  local b = string.byte(s, p)
  if b == nil then misses = misses + 1 end
  h = (h * 31 + (b or 1000) + (string.byte(s) or 2000)) % 1000003
end
print("hash", h, misses)
local sum = 0
for i = 1, 300 do
  local b = string.byte("abcdefghij", i % 10 + 1)
  sum = sum + b
end
print("sum", sum)
-- a fractional position truncates in the interpreter
local fr = 0
for i = 1, 100 do
  fr = fr + string.byte("xyz", i % 3 + 1 + (i > 90 and 0.5 or 0))
end
print("frac", fr)
