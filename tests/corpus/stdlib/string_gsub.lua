-- string.gsub with strings, functions and tables
print(("hello world"):gsub("o", "0"))
print(("hello world"):gsub("o", "0", 1))
print(("abc"):gsub("%w", function(c) return c:upper() .. "." end))
print(("$name is $age"):gsub("%$(%w+)", {name = "Ann", age = 30}))
print(("a,b,,c"):gsub(",", ";"))
