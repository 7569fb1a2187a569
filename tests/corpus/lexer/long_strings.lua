-- long brackets of each level, with the first newline skipped
print([[level zero]])
print([=[level one with ]] inside]=])
print([==[level two with ]=] and ]] inside]==])
print([===[level three]===])
local s = [[
starts after the newline]]
print(s, #s)
print([[a\nb]])
print(#[[

]])
