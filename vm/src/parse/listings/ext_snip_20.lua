t = {a -> a, b = x -> x}
