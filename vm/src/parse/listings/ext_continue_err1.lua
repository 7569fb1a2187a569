do continue end
