x = a !=
