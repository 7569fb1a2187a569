f(a -> a)
