-- ?? picks the right operand only when the left one is nil
print(nil ?? "default", false ?? "kept false", 0 ?? 1, "" ?? "x")
print(nil ?? nil ?? "third")
local calls = 0
local function v(x) calls = calls + 1 return x end
print(1 ?? v(2), calls, nil ?? v(3), calls)
local cfg = {}
print(cfg.port ?? 8080, (cfg.host ?? "localhost") .. ":" .. (cfg.port ?? 80))
