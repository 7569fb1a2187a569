-- JSON in pure Lua: encode a generated document (object keys sorted, so the text is
-- deterministic), decode it again, re-encode and compare.
-- quick: 20
local n = tonumber(arg and arg[1]) or 3000

local byte, char, sub, find, format = string.byte, string.char, string.sub, string.find, string.format
local concat = table.concat

---------------------------------------------------------------- encoder
local ESCAPES = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r" }

local function encode_string(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c)
    return ESCAPES[c] or format("\\u%04x", byte(c))
  end) .. '"'
end

local function encode_number(x)
  if x == math.floor(x) and x > -1e15 and x < 1e15 then return format("%d", x) end
  return format("%.14g", x)
end

local encode_value

local function encode_array(t, out)
  out[#out + 1] = "["
  for i = 1, #t do
    if i > 1 then out[#out + 1] = "," end
    encode_value(t[i], out)
  end
  out[#out + 1] = "]"
end

local function encode_object(t, out)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  out[#out + 1] = "{"
  for i, k in ipairs(keys) do
    if i > 1 then out[#out + 1] = "," end
    out[#out + 1] = encode_string(k)
    out[#out + 1] = ":"
    encode_value(t[k], out)
  end
  out[#out + 1] = "}"
end

-- Arrays are tables with a non-empty sequence part; objects have string keys.
function encode_value(v, out)
  local kind = type(v)
  if kind == "string" then out[#out + 1] = encode_string(v)
  elseif kind == "number" then out[#out + 1] = encode_number(v)
  elseif kind == "boolean" then out[#out + 1] = v and "true" or "false"
  elseif kind == "nil" then out[#out + 1] = "null"
  elseif kind == "table" then
    if v[1] ~= nil or next(v) == nil then encode_array(v, out) else encode_object(v, out) end
  else
    error("cannot encode a " .. kind)
  end
end

local function encode(v)
  local out = {}
  encode_value(v, out)
  return concat(out)
end

---------------------------------------------------------------- decoder
local decode_value

local function skip_space(s, pos)
  return (find(s, "[^ \t\r\n]", pos)) or #s + 1
end

local function decode_string(s, pos)
  -- pos is at the opening quote.
  local parts = {}
  local i = pos + 1
  while true do
    local stop = find(s, '["\\]', i)
    if not stop then error("unterminated string at " .. pos) end
    parts[#parts + 1] = sub(s, i, stop - 1)
    if byte(s, stop) == 34 then return concat(parts), stop + 1 end
    local e = sub(s, stop + 1, stop + 1)
    if e == "u" then
      parts[#parts + 1] = char(tonumber(sub(s, stop + 2, stop + 5), 16))
      i = stop + 6
    else
      parts[#parts + 1] = ({ n = "\n", t = "\t", r = "\r" })[e] or e
      i = stop + 2
    end
  end
end

local function decode_number(s, pos)
  local first, last = find(s, "^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  return tonumber(sub(s, first, last)), last + 1
end

local function decode_array(s, pos)
  local t = {}
  pos = skip_space(s, pos + 1)
  if byte(s, pos) == 93 then return t, pos + 1 end
  while true do
    local v
    v, pos = decode_value(s, pos)
    t[#t + 1] = v
    pos = skip_space(s, pos)
    local c = byte(s, pos)
    if c == 93 then return t, pos + 1 end
    if c ~= 44 then error("expected ',' or ']' at " .. pos) end
    pos = skip_space(s, pos + 1)
  end
end

local function decode_object(s, pos)
  local t = {}
  pos = skip_space(s, pos + 1)
  if byte(s, pos) == 125 then return t, pos + 1 end
  while true do
    local k, v
    k, pos = decode_string(s, pos)
    pos = skip_space(s, pos)
    if byte(s, pos) ~= 58 then error("expected ':' at " .. pos) end
    v, pos = decode_value(s, skip_space(s, pos + 1))
    t[k] = v
    pos = skip_space(s, pos)
    local c = byte(s, pos)
    if c == 125 then return t, pos + 1 end
    if c ~= 44 then error("expected ',' or '}' at " .. pos) end
    pos = skip_space(s, pos + 1)
  end
end

function decode_value(s, pos)
  local c = byte(s, pos)
  if c == 123 then return decode_object(s, pos)
  elseif c == 91 then return decode_array(s, pos)
  elseif c == 34 then return decode_string(s, pos)
  elseif c == 116 then return true, pos + 4
  elseif c == 102 then return false, pos + 5
  elseif c == 110 then return nil, pos + 4
  else return decode_number(s, pos)
  end
end

local function decode(s)
  local v, pos = decode_value(s, skip_space(s, 1))
  return v
end

---------------------------------------------------------------- benchmark
local function make_record(i)
  return {
    id = i,
    name = "user" .. i,
    email = format("user%d@example.org", i),
    active = i % 3 ~= 0,
    score = i * 1.25 + 0.5,
    tags = { "t" .. (i % 7), "t" .. (i % 11), "line\n\"quoted\"" },
    address = { street = (i * 13 % 997) .. " Main St", zip = format("%05d", i * 37 % 100000) },
  }
end

local document = { version = 3, records = {} }
for i = 1, n do document.records[i] = make_record(i) end

local text = encode(document)
local rounds = 5
local same = true
local decoded
for _ = 1, rounds do
  decoded = decode(text)
  if encode(decoded) ~= text then same = false end
end

local checksum = 0
for i = 1, #text, 11 do checksum = (checksum * 31 + byte(text, i)) % 1000000007 end
local last = decoded.records[n]
print(format("length %d round-trip %s checksum %d", #text, tostring(same), checksum))
print(format("last %s %s %.2f %s", last.name, last.address.zip, last.score, last.tags[3]))
