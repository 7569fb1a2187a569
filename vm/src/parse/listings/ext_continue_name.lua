local continue = 1
continue = continue + 1
local t = {continue = 2, const = 3}
print(t.continue, t.const)
continue()
goto continue
::continue::
