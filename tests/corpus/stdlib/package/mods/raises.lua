-- (module that raises an error when loaded)
error("module failed to load")
