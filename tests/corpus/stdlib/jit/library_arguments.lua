-- jit.on/off/flush, jit.opt.start and jit.attach argument checks; jit.opt as a module
print(type(jit.version), jit.version:match("^LuaJIT 2%.1") ~= nil, type(jit.version_num), jit.os, jit.arch)
print(select('#', jit.on()), select('#', jit.off()), select('#', jit.flush()))
print(pcall(jit.on, 1))
print(pcall(jit.off, print))
print(pcall(jit.on, print, true))
print(pcall(jit.flush, print))
print(pcall(jit.opt.start, "hotloop=1"))
print(pcall(jit.opt.start, "bogus"))
print(pcall(jit.opt.start, 1))
print(pcall(jit.attach, print))
print(pcall(jit.attach))
print(type(jit.status()))
print(package.loaded.jit == jit, type(require("jit.opt")), type(jit.util))
for _, f in ipairs{"3", "0", "-fold", "+cse", "nofold", "no-loop", "hotloop=10", "hotloop=", "fold2", "hotloop=x", "12", "maxmcode=99999999999", "noo"} do
  print(f, pcall(jit.opt.start, f))
end
print(pcall(jit.on, function() end), pcall(jit.off, function() end, true), pcall(jit.on, true))
print(pcall(function() jit.on(true) end)); print(pcall(function() return jit.on(true) end))
