-- loadfile and dofile without a name read (empty) stdin as chunk '=stdin'
local f = loadfile()
print(type(f), select('#', f()))
print(select('#', dofile()))
