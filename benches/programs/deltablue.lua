-- DeltaBlue: an incremental one-way constraint solver (constraint hierarchies with
-- strengths, walkabout strengths, plan extraction), exercised by a long chain of
-- equalities and by a projection of scaled variables. Heavy on method calls through
-- metatable inheritance chains.
-- quick: 10
local n = tonumber(arg and arg[1]) or 1000
local REPETITIONS = 10

---------------------------------------------------------------- strengths
-- Smaller is stronger.
local REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST = 0, 1, 2, 3, 4, 5, 6

local function stronger(a, b) return a < b end
local function weaker(a, b) return a > b end
local function weakest_of(a, b) if weaker(a, b) then return a end return b end
local function next_weaker(s) if s < WEAKEST then return s + 1 end return WEAKEST end

local FORWARD, BACKWARD, NONE = 1, 2, 0

local planner -- the planner of the test being run

---------------------------------------------------------------- a FIFO list
local Queue = {}
Queue.__index = Queue

function Queue.new() return setmetatable({ first = 1, last = 0 }, Queue) end
function Queue:push(x) self.last = self.last + 1; self[self.last] = x end
function Queue:empty() return self.first > self.last end
function Queue:pop()
  local x = self[self.first]
  self[self.first] = nil
  self.first = self.first + 1
  return x
end

---------------------------------------------------------------- variables
local Variable = {}
Variable.__index = Variable

function Variable.new(name, value)
  return setmetatable({
    name = name, value = value or 0, constraints = {}, determined_by = nil,
    mark = 0, walk_strength = WEAKEST, stay = true,
  }, Variable)
end

function Variable:add_constraint(c)
  self.constraints[#self.constraints + 1] = c
end

function Variable:remove_constraint(c)
  local kept = {}
  for _, other in ipairs(self.constraints) do
    if other ~= c then kept[#kept + 1] = other end
  end
  self.constraints = kept
  if self.determined_by == c then self.determined_by = nil end
end

---------------------------------------------------------------- constraints
local Constraint = {}
Constraint.__index = Constraint

local function subclass(parent)
  local class = setmetatable({}, { __index = parent })
  class.__index = class
  return class
end

function Constraint:add()
  self:add_to_graph()
  planner:incremental_add(self)
end

-- Tries to satisfy this constraint; returns the constraint it overrode, if any.
function Constraint:satisfy(mark)
  self:choose_method(mark)
  if not self:is_satisfied() then
    if self.strength == REQUIRED then error("could not satisfy a required constraint") end
    return nil
  end
  self:mark_inputs(mark)
  local out = self:output()
  local overridden = out.determined_by
  if overridden ~= nil then overridden:mark_unsatisfied() end
  out.determined_by = self
  if not planner:add_propagate(self, mark) then error("cycle encountered") end
  out.mark = mark
  return overridden
end

function Constraint:destroy()
  if self:is_satisfied() then
    planner:incremental_remove(self)
  else
    self:remove_from_graph()
  end
end

function Constraint:is_input() return false end

-- Unary constraints: one output variable.
local UnaryConstraint = subclass(Constraint)

function UnaryConstraint.init(self, v, strength)
  self.output_var, self.strength, self.satisfied = v, strength, false
  self:add()
  return self
end

function UnaryConstraint:add_to_graph()
  self.output_var:add_constraint(self)
  self.satisfied = false
end

function UnaryConstraint:choose_method(mark)
  local out = self.output_var
  self.satisfied = out.mark ~= mark and stronger(self.strength, out.walk_strength)
end

function UnaryConstraint:is_satisfied() return self.satisfied end
function UnaryConstraint:mark_inputs(_) end
function UnaryConstraint:output() return self.output_var end
function UnaryConstraint:mark_unsatisfied() self.satisfied = false end
function UnaryConstraint:inputs_known(_) return true end

function UnaryConstraint:recalculate()
  local out = self.output_var
  out.walk_strength = self.strength
  out.stay = not self:is_input()
  if out.stay then self:execute() end
end

function UnaryConstraint:remove_from_graph()
  if self.output_var ~= nil then self.output_var:remove_constraint(self) end
  self.satisfied = false
end

-- Keeps a variable's value (a stay); an edit marks a variable the user changes.
local StayConstraint = subclass(UnaryConstraint)
function StayConstraint.new(v, strength) return UnaryConstraint.init(setmetatable({}, StayConstraint), v, strength) end
function StayConstraint:execute() end

local EditConstraint = subclass(UnaryConstraint)
function EditConstraint.new(v, strength) return UnaryConstraint.init(setmetatable({}, EditConstraint), v, strength) end
function EditConstraint:is_input() return true end
function EditConstraint:execute() end

-- Binary constraints: two variables, solved in either direction.
local BinaryConstraint = subclass(Constraint)

function BinaryConstraint.init(self, v1, v2, strength)
  self.v1, self.v2, self.strength, self.direction = v1, v2, strength, NONE
  self:add()
  return self
end

function BinaryConstraint:choose_method(mark)
  local v1, v2 = self.v1, self.v2
  if v1.mark == mark then
    self.direction = (v2.mark ~= mark and stronger(self.strength, v2.walk_strength)) and FORWARD or NONE
    return
  end
  if v2.mark == mark then
    self.direction = (v1.mark ~= mark and stronger(self.strength, v1.walk_strength)) and BACKWARD or NONE
    return
  end
  if weaker(v1.walk_strength, v2.walk_strength) then
    self.direction = stronger(self.strength, v1.walk_strength) and BACKWARD or NONE
  else
    self.direction = stronger(self.strength, v2.walk_strength) and FORWARD or BACKWARD
  end
end

function BinaryConstraint:add_to_graph()
  self.v1:add_constraint(self)
  self.v2:add_constraint(self)
  self.direction = NONE
end

function BinaryConstraint:is_satisfied() return self.direction ~= NONE end
function BinaryConstraint:mark_inputs(mark) self:input().mark = mark end
function BinaryConstraint:input() if self.direction == FORWARD then return self.v1 end return self.v2 end
function BinaryConstraint:output() if self.direction == FORWARD then return self.v2 end return self.v1 end
function BinaryConstraint:mark_unsatisfied() self.direction = NONE end

function BinaryConstraint:recalculate()
  local input, out = self:input(), self:output()
  out.walk_strength = weakest_of(self.strength, input.walk_strength)
  out.stay = input.stay
  if out.stay then self:execute() end
end

function BinaryConstraint:inputs_known(mark)
  local input = self:input()
  return input.mark == mark or input.stay or input.determined_by == nil
end

function BinaryConstraint:remove_from_graph()
  if self.v1 ~= nil then self.v1:remove_constraint(self) end
  if self.v2 ~= nil then self.v2:remove_constraint(self) end
  self.direction = NONE
end

local EqualityConstraint = subclass(BinaryConstraint)
function EqualityConstraint.new(v1, v2, strength)
  return BinaryConstraint.init(setmetatable({}, EqualityConstraint), v1, v2, strength)
end
function EqualityConstraint:execute() self:output().value = self:input().value end

-- dest = src * scale + offset, with scale and offset as further inputs.
local ScaleConstraint = subclass(BinaryConstraint)
function ScaleConstraint.new(src, scale, offset, dest, strength)
  local c = setmetatable({ scale = scale, offset = offset }, ScaleConstraint)
  return BinaryConstraint.init(c, src, dest, strength)
end

function ScaleConstraint:add_to_graph()
  BinaryConstraint.add_to_graph(self)
  self.scale:add_constraint(self)
  self.offset:add_constraint(self)
end

function ScaleConstraint:remove_from_graph()
  BinaryConstraint.remove_from_graph(self)
  if self.scale ~= nil then self.scale:remove_constraint(self) end
  if self.offset ~= nil then self.offset:remove_constraint(self) end
end

function ScaleConstraint:mark_inputs(mark)
  BinaryConstraint.mark_inputs(self, mark)
  self.scale.mark, self.offset.mark = mark, mark
end

function ScaleConstraint:execute()
  if self.direction == FORWARD then
    self.v2.value = self.v1.value * self.scale.value + self.offset.value
  else
    self.v1.value = (self.v2.value - self.offset.value) / self.scale.value
  end
end

function ScaleConstraint:recalculate()
  local input, out = self:input(), self:output()
  out.walk_strength = weakest_of(self.strength, input.walk_strength)
  out.stay = input.stay and self.scale.stay and self.offset.stay
  if out.stay then self:execute() end
end

---------------------------------------------------------------- plans
local Plan = {}
Plan.__index = Plan
function Plan.new() return setmetatable({ constraints = {} }, Plan) end
function Plan:add(c) self.constraints[#self.constraints + 1] = c end
function Plan:execute()
  local cs = self.constraints
  for i = 1, #cs do cs[i]:execute() end
end

---------------------------------------------------------------- the planner
local Planner = {}
Planner.__index = Planner

function Planner.new() return setmetatable({ current_mark = 0 }, Planner) end

function Planner:new_mark()
  self.current_mark = self.current_mark + 1
  return self.current_mark
end

function Planner:incremental_add(c)
  local mark = self:new_mark()
  local overridden = c:satisfy(mark)
  while overridden ~= nil do overridden = overridden:satisfy(mark) end
end

function Planner:incremental_remove(c)
  local out = c:output()
  c:mark_unsatisfied()
  c:remove_from_graph()
  local unsatisfied = self:remove_propagate_from(out)
  local strength = REQUIRED
  repeat
    for _, u in ipairs(unsatisfied) do
      if u.strength == strength then self:incremental_add(u) end
    end
    strength = next_weaker(strength)
  until strength == WEAKEST
end

local function add_constraints_consuming_to(v, queue)
  local determining = v.determined_by
  for _, c in ipairs(v.constraints) do
    if c ~= determining and c:is_satisfied() then queue:push(c) end
  end
end

function Planner:make_plan(sources)
  local mark = self:new_mark()
  local plan = Plan.new()
  local todo = Queue.new()
  for _, c in ipairs(sources) do todo:push(c) end
  while not todo:empty() do
    local c = todo:pop()
    if c:output().mark ~= mark and c:inputs_known(mark) then
      plan:add(c)
      c:output().mark = mark
      add_constraints_consuming_to(c:output(), todo)
    end
  end
  return plan
end

function Planner:extract_plan(constraints)
  local sources = {}
  for _, c in ipairs(constraints) do
    if c:is_input() and c:is_satisfied() then sources[#sources + 1] = c end
  end
  return self:make_plan(sources)
end

function Planner:add_propagate(c, mark)
  local todo = Queue.new()
  todo:push(c)
  while not todo:empty() do
    local d = todo:pop()
    if d:output().mark == mark then
      self:incremental_remove(c)
      return false
    end
    d:recalculate()
    add_constraints_consuming_to(d:output(), todo)
  end
  return true
end

function Planner:remove_propagate_from(out)
  out.determined_by = nil
  out.walk_strength = WEAKEST
  out.stay = true
  local unsatisfied = {}
  local todo = Queue.new()
  todo:push(out)
  while not todo:empty() do
    local v = todo:pop()
    for _, c in ipairs(v.constraints) do
      if not c:is_satisfied() then unsatisfied[#unsatisfied + 1] = c end
    end
    local determining = v.determined_by
    for _, c in ipairs(v.constraints) do
      if c ~= determining and c:is_satisfied() then
        c:recalculate()
        todo:push(c:output())
      end
    end
  end
  return unsatisfied
end

---------------------------------------------------------------- the two tests
local checksum = 0

-- A chain of equalities first = v1 = ... = last, driven from `first`.
local function chain_test(count)
  planner = Planner.new()
  local prev, first, last
  for i = 0, count do
    local v = Variable.new("v" .. i)
    if prev ~= nil then EqualityConstraint.new(prev, v, REQUIRED) end
    if i == 0 then first = v end
    if i == count then last = v end
    prev = v
  end
  StayConstraint.new(last, STRONG_DEFAULT)
  local edit = EditConstraint.new(first, PREFERRED)
  local plan = planner:extract_plan({ edit })
  for i = 0, 99 do
    first.value = i
    plan:execute()
    if last.value ~= i then error("chain test failed") end
    checksum = (checksum + last.value) % 1000000007
  end
end

local function change(v, value)
  local edit = EditConstraint.new(v, PREFERRED)
  local plan = planner:extract_plan({ edit })
  for _ = 1, 10 do
    v.value = value
    plan:execute()
  end
  edit:destroy()
end

-- dst[i] = src[i] * scale + offset for many pairs, changed from either side.
local function projection_test(count)
  planner = Planner.new()
  local scale, offset = Variable.new("scale", 10), Variable.new("offset", 1000)
  local src, dst
  local dests = {}
  for i = 0, count - 1 do
    src = Variable.new("src" .. i, i)
    dst = Variable.new("dst" .. i, i)
    dests[#dests + 1] = dst
    StayConstraint.new(src, NORMAL)
    ScaleConstraint.new(src, scale, offset, dst, REQUIRED)
  end
  change(src, 17)
  if dst.value ~= 1170 then error("projection 1 failed") end
  change(dst, 1050)
  if src.value ~= 5 then error("projection 2 failed") end
  change(scale, 5)
  for i = 0, count - 2 do
    if dests[i + 1].value ~= i * 5 + 1000 then error("projection 3 failed") end
  end
  change(offset, 2000)
  for i = 0, count - 2 do
    if dests[i + 1].value ~= i * 5 + 2000 then error("projection 4 failed") end
  end
  for i = 1, #dests do checksum = (checksum + dests[i].value) % 1000000007 end
end

for _ = 1, REPETITIONS do
  chain_test(n)
  projection_test(n)
end
print(string.format("deltablue %d: chain and projection passed, checksum %d", n, checksum))
