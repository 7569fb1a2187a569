-- uncaught error message built with tostring and concatenation
local count = 3
error("failed after " .. count .. " tries: " .. tostring(nil))
