const = 5
