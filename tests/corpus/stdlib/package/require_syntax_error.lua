-- require of a module with a syntax error reports the loader's error
package.path = "tests/corpus/stdlib/package/mods/?.lua"
print(pcall(require, "syntax_bad"))
