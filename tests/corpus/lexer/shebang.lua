#!/usr/bin/env luajit
-- a first line starting with # is skipped
print("after shebang")
print(loadstring("#!ignored\nreturn 5")())
