continue.x = 1
