-- require("table.new") and require("table.clear") add the functions to table
print(table.new, table.clear)
local tn = require("table.new")
print(type(tn), tn == table.new, package.loaded["table.new"] == tn)
local tc = require("table.clear")
print(tc == table.clear, type(package.preload["table.new"]), type(package.preload["table.clear"]))
print(require("table.new") == tn)
