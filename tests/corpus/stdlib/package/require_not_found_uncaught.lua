-- an uncaught require failure
package.path = "./nowhere/?.lua"
package.cpath = ""
require("nothing_here")
