-- (module that returns nothing: require stores true)
loaded_side_effect = (loaded_side_effect or 0) + 1
