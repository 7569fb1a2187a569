-- tail calls inside inlined functions: to Lua functions (fewer and more arguments than parameters), to builtins, chains of them; then a type change and an error raised in a tail-called function
local function add(a, b, c) return a + b + (c or 0) end
local function twice(x) return add(x, x) end
local function via_builtin(x) return math.floor(x / 3) end
local function chain(x) return twice(x + 1) end
local function many(x) return add(x, 1, 2, 3, 4) end

local s = 0
for i = 1, 300 do
  s = s + twice(i) + via_builtin(i) + chain(i) + many(i)
end
print(s)

-- results wanted by the caller: one, none, and two
local function pair(x) return x, x * 2 end
local function tail_pair(x) return pair(x + 1) end
local t = 0
for i = 1, 300 do
  local a, b = tail_pair(i)
  tail_pair(i)
  t = t + a + b
end
print(t)

-- the tail-called function sees a string where it traced numbers
local ok, err = pcall(function()
  local r = 0
  for i = 1, 300 do
    r = r + twice(i == 250 and "x" or i)
  end
  return r
end)
print(ok, err)

-- an error inside a tail-called function, with a traceback through the tail call
local function fail(x) if x > 280 then error("too big: " .. x) end return x end
local function to_fail(x) return fail(x) end
local ok2, err2 = pcall(function()
  local r = 0
  for i = 1, 300 do r = r + to_fail(i) end
  return r
end)
print(ok2, err2)

-- a traceback taken inside a tail-called function, after the trace left there
local function where(x) if x == 290 then print((debug.traceback("at " .. x):gsub("\n%s*%[C%]:[^\n]*", ""))) end return x end
local function to_where(x) return where(x) end
local w = 0
for i = 1, 300 do w = w + to_where(i) end
print(w)
