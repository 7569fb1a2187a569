-- uncaught indexing of a nil global
print(settings.verbose)
