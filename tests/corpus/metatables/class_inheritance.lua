-- a small class hierarchy with __index and method calls
local Animal = {}
Animal.__index = Animal
function Animal.new(name) return setmetatable({name = name}, Animal) end
function Animal:speak() return self.name .. " makes a sound" end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) return setmetatable(Animal.new(name), Dog) end
function Dog:speak() return self.name .. " barks" end
local a, d = Animal.new("generic"), Dog.new("rex")
print(a:speak(), d:speak(), d:kind())
print(getmetatable(d) == Dog, getmetatable(a) == Animal)
