#!/usr/bin/env luajit
print(1)
