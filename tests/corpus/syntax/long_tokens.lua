-- error messages quote long and odd tokens
print(loadstring("x = 1 'a string token'"))
print(loadstring("x = 1 [[long\nstring]]"))
print(loadstring("x = 1 12.5"))
print(loadstring("x = 1 name"))
print(loadstring("x = 1 ..."))
print(loadstring("x = 1 =="))
