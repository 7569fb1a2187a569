-- os.rename without a target name, uncaught
os.rename("a")
