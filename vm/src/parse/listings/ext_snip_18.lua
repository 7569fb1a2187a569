x = a -> b -> a
