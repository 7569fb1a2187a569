-- a custom loader in package.loaders is consulted in order; string results join the message
table.insert(package.loaders, 2, function(name)
  if name == "virtual" then return function() return "virtual module" end end
  return "\n\tno virtual '" .. name .. "'"
end)
package.path = "./nowhere/?.lua"
package.cpath = ""
print(require("virtual"))
print(pcall(require, "other"))
