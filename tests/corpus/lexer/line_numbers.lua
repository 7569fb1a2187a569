-- error positions count lines across long strings, comments and CRLF
local s = [[
one
two]]
--[[
three
]]
local ok, err = pcall(function() error("here") end)
print(err)
local f = loadstring("local x = 1\r\nlocal y = 2\r\nerror('crlf')", "=chunk")
print(pcall(f))
local g = loadstring("\n\n\n\nerror('five')", "=chunk")
print(pcall(g))
