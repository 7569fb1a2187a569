const.x = 1
