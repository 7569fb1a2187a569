-- (a Lua 5.1 module() style module)
module(..., package.seeall)
function hello() return "hello from " .. _NAME end
