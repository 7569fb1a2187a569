-- -0 prints as -0 and equals 0
local nz = -0.0
print(nz, 0 * -1, -0, 0 / -1)
print(nz == 0, 1 / nz, 1 / 0)
print(tostring(nz), nz .. "")
print(math.abs(nz), -nz)
local t = {}
t[nz] = "zero key"
print(t[0])
