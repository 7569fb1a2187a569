-- math.random with a non-numeric bound, uncaught
math.random("x")
