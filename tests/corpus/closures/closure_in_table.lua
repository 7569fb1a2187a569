-- closures stored in tables act as methods with private state
local function account(balance)
  local self = {}
  function self.deposit(v) balance = balance + v end
  function self.balance() return balance end
  return self
end
local a, b = account(100), account(5)
a.deposit(50)
b.deposit(1)
print(a.balance(), b.balance())
