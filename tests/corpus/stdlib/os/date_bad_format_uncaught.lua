-- os.date with a table format, uncaught
os.date({})
