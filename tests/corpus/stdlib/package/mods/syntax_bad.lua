-- (module with a syntax error, loaded by the package corpus programs)
return {
