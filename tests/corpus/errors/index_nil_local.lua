-- uncaught indexing of a nil local
local cfg
print("before")
print(cfg.name)
