repeat local x = 1 ::l:: until x
