-- error line numbers count CR, LF, CRLF and LFCR line breaks once each
local function line_of(src)
  local f = loadstring(src, "=src")
  local ok, err = pcall(f)
  return err
end
print(line_of("\n\nerror('x')"))
print(line_of("\r\r\rerror('x')"))
print(line_of("\r\n\r\nerror('x')"))
print(line_of("\n\r\n\rerror('x')"))
print(line_of("--comment\r\nlocal s = [[\r\n\r\n]]\nerror('x')"))
