-- loadfile, dofile and require read binary chunks from files
local path = os.tmpname()
local function save(bytes)
  local f = assert(io.open(path, "wb"))
  f:write(bytes)
  f:close()
end
local function shown(msg) return (msg:gsub(path:gsub("%p", "%%%0"), "PATH")) end
save(string.dump(function(...) return "dofile", select("#", ...) end))
print(dofile(path))
print(loadfile(path)(1, 2))
print(loadfile(path, "b")(1))
local f, e = loadfile(path, "t")
print(f, e)
save(string.dump(function() return {name = "module from bytecode"} end))
local dir, base = path:match("^(.*)/([^/]*)$")
package.path = dir .. "/?"
print(require(base).name)
package.loaded[base] = nil
save(string.dump(function() end):sub(1, 12))
f, e = loadfile(path)
print(f, shown(e))
local ok, err = pcall(dofile, path)
print(ok, shown(err))
os.remove(path)
