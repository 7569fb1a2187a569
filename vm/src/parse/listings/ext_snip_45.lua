x = a ?. b
