-- string.gmatch iterates over matches
local words = {}
for w in ("one two  three"):gmatch("%a+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
for k, v in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do print(k, v) end
