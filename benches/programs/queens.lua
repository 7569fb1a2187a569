-- N queens: counting every placement by backtracking over boolean arrays.
-- quick: 6
local n = tonumber(arg and arg[1]) or 12

local column, rising, falling = {}, {}, {}
local solutions = 0

local function place(row)
  if row > n then
    solutions = solutions + 1
    return
  end
  for c = 1, n do
    local r, f = row + c, row - c + n
    if not column[c] and not rising[r] and not falling[f] then
      column[c], rising[r], falling[f] = true, true, true
      place(row + 1)
      column[c], rising[r], falling[f] = false, false, false
    end
  end
end

place(1)
print(string.format("%d queens: %d solutions", n, solutions))
