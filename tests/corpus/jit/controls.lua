-- jit library controls: status flags, on/off, opt.start flags and parameters, off(f), flush, bad flags
jit.on()  -- the interpreter tier starts with the JIT off
print(jit.status())
jit.off()
print(jit.status())
jit.on()
jit.opt.start("hotloop=2", "-fold", "nosink")
print(jit.status())
local function f() local s = 0 for i=1,100 do s = s + i end return s end
jit.off(f)
print(f())
jit.flush()
print(pcall(jit.opt.start, "bogus"))
