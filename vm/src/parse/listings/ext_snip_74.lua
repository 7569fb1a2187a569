x = function(continue, const) return continue + const end
