-- a label at the end of a block may follow a local's scope
do
  local x = 1
  goto finish
  local y = 2
  ::finish::
end
print("jumped over local y")
local function f(n)
  if n > 0 then goto positive end
  do return "not positive" end
  ::positive::
  return "positive"
end
print(f(1), f(-1))
