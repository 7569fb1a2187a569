local const, continue = 1, 2 return const + continue
