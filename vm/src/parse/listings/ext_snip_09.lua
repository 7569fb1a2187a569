const()
