-- obj:m(...) passes obj as the first argument
local obj = {name = "obj"}
function obj:hello(greeting) return greeting .. ", " .. self.name end
function obj.plain(self, x) return self.name .. x end
print(obj:hello("hi"))
print(obj.hello(obj, "hey"))
print(obj:plain("!"))
local other = {name = "other", hello = obj.hello}
print(other:hello("yo"))
