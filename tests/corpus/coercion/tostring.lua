-- tostring on each basic type
print(tostring(nil), tostring(true), tostring(false))
print(tostring(12), tostring(-1.5), tostring("str"))
print(type(tostring(print)), tostring(print):sub(1, 9))
print(tostring({}):sub(1, 6), tostring(function() end):sub(1, 9))
print(tostring(coroutine.create(function() end)):sub(1, 7))
