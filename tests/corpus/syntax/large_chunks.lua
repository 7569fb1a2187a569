-- large generated chunks: many constants, parameters, branches and targets
local p = {}
for i = 1, 70000 do p[i] = "x = " .. i end
loadstring(table.concat(p, "\n"))()
print(x)
p = {}
for i = 1, 100 do p[i] = "a" .. i end
local args = {}
for i = 1, 100 do args[i] = i end
print(loadstring("local function f(" .. table.concat(p, ",") .. ") return a1 + a50 + a100 end return f(...)")(unpack(args)))
p = {}
for i = 1, 500 do p[i] = "elseif x == " .. i .. " then return " .. i * 2 end
print(loadstring("local x = ... if false then " .. table.concat(p, " ") .. " else return 'none' end")(499))
p = {}
for i = 1, 150 do p[i] = "v" .. i end
print(loadstring("local " .. table.concat(p, ",") .. " = 1, 2 return v1, v2, v3, v150")())
