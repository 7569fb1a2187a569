-- the not-found message lists every tried path and preload entry
package.path = "./nowhere/?.lua;./nowhere/?/init.lua;?.luax"
package.cpath = "./nowhere/?.so;./nowhere/lib?.so"
print(pcall(require, "a.b.c"))
