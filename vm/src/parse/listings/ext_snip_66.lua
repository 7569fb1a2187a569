const a = 1 local function g() local a = 2 end
