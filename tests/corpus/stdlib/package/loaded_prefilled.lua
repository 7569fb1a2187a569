-- package.loaded holds the standard libraries; require returns them
for _, n in ipairs{"string", "table", "math", "io", "os", "coroutine", "debug", "package", "bit", "jit", "_G"} do
  io.write(n, "=", tostring(package.loaded[n] == require(n)), " ")
end
print()
package.loaded.fake = "a value"
print(require("fake"))
