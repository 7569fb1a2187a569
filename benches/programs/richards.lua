-- Richards: the classic operating-system task scheduler simulation (an idle task, a
-- worker, two handlers and two devices exchanging packets), run n times.
-- quick: 2
local n = tonumber(arg and arg[1]) or 200

local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 1, 2, 3, 4, 5, 6
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4
local COUNT = 1000

-- Exclusive or of two 16-bit numbers, without a bit library (Lua 5.1 has none).
local function xor16(a, b)
  local result, bit = 0, 1
  for _ = 1, 16 do
    if a % 2 ~= b % 2 then result = result + bit end
    a, b, bit = math.floor(a / 2), math.floor(b / 2), bit * 2
  end
  return result
end

---------------------------------------------------------------- packets
local Packet = {}
Packet.__index = Packet

function Packet.new(link, id, kind)
  local data = {}
  for i = 1, DATA_SIZE do data[i] = 0 end
  return setmetatable({ link = link, id = id, kind = kind, a1 = 0, a2 = data }, Packet)
end

-- Appends this packet to the end of `queue` and returns the queue's head.
function Packet:add_to(queue)
  self.link = nil
  if queue == nil then return self end
  local last = queue
  while last.link ~= nil do last = last.link end
  last.link = self
  return queue
end

---------------------------------------------------------------- task control blocks
-- A task's state is three flags: a packet is pending, the task is waiting, the task
-- is held.
local Tcb = {}
Tcb.__index = Tcb

function Tcb.new(link, id, priority, queue, task)
  return setmetatable({
    link = link, id = id, priority = priority, queue = queue, task = task,
    packet_pending = queue ~= nil, task_waiting = true, task_holding = false,
  }, Tcb)
end

function Tcb:set_running()
  self.packet_pending, self.task_waiting, self.task_holding = false, false, false
end

function Tcb:is_held_or_suspended()
  return self.task_holding or (not self.packet_pending and self.task_waiting)
end

function Tcb:run()
  local packet = nil
  if self.packet_pending and self.task_waiting and not self.task_holding then
    packet = self.queue
    self.queue = packet.link
    self.task_waiting = false
    self.packet_pending = self.queue ~= nil
  end
  return self.task:run(packet)
end

-- Adds a packet to this block's queue; returns the block to run next.
function Tcb:check_priority_add(task, packet)
  if self.queue == nil then
    self.queue = packet
    self.packet_pending = true
    if self.priority > task.priority then return self end
  else
    self.queue = packet:add_to(self.queue)
  end
  return task
end

---------------------------------------------------------------- scheduler
local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new()
  return setmetatable({ queue_count = 0, hold_count = 0, blocks = {}, list = nil, current = nil, current_id = nil }, Scheduler)
end

function Scheduler:add_task(id, priority, queue, task)
  self.current = Tcb.new(self.list, id, priority, queue, task)
  self.list = self.current
  self.blocks[id] = self.current
end

function Scheduler:add_running_task(id, priority, queue, task)
  self:add_task(id, priority, queue, task)
  self.current:set_running()
end

function Scheduler:schedule()
  self.current = self.list
  while self.current ~= nil do
    if self.current:is_held_or_suspended() then
      self.current = self.current.link
    else
      self.current_id = self.current.id
      self.current = self.current:run()
    end
  end
end

function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb.task_holding = false
  if tcb.priority > self.current.priority then return tcb end
  return self.current
end

function Scheduler:hold_current()
  self.hold_count = self.hold_count + 1
  self.current.task_holding = true
  return self.current.link
end

function Scheduler:suspend_current()
  self.current.task_waiting = true
  return self.current
end

function Scheduler:queue(packet)
  local target = self.blocks[packet.id]
  if target == nil then return target end
  self.queue_count = self.queue_count + 1
  packet.link = nil
  packet.id = self.current_id
  return target:check_priority_add(self.current, packet)
end

---------------------------------------------------------------- tasks
local IdleTask = {}
IdleTask.__index = IdleTask

function IdleTask:run(_)
  local s = self.scheduler
  self.count = self.count - 1
  if self.count == 0 then return s:hold_current() end
  if self.v1 % 2 == 0 then
    self.v1 = math.floor(self.v1 / 2)
    return s:release(ID_DEVICE_A)
  end
  self.v1 = xor16(math.floor(self.v1 / 2), 0xD008)
  return s:release(ID_DEVICE_B)
end

local DeviceTask = {}
DeviceTask.__index = DeviceTask

function DeviceTask:run(packet)
  local s = self.scheduler
  if packet == nil then
    if self.pending == nil then return s:suspend_current() end
    local p = self.pending
    self.pending = nil
    return s:queue(p)
  end
  self.pending = packet
  return s:hold_current()
end

local WorkerTask = {}
WorkerTask.__index = WorkerTask

function WorkerTask:run(packet)
  local s = self.scheduler
  if packet == nil then return s:suspend_current() end
  self.destination = self.destination == ID_HANDLER_A and ID_HANDLER_B or ID_HANDLER_A
  packet.id = self.destination
  packet.a1 = 0
  for i = 1, DATA_SIZE do
    self.letter = self.letter + 1
    if self.letter > 26 then self.letter = 1 end
    packet.a2[i] = self.letter
  end
  return s:queue(packet)
end

local HandlerTask = {}
HandlerTask.__index = HandlerTask

function HandlerTask:run(packet)
  local s = self.scheduler
  if packet ~= nil then
    if packet.kind == KIND_WORK then
      self.work = packet:add_to(self.work)
    else
      self.devices = packet:add_to(self.devices)
    end
  end
  local work = self.work
  if work ~= nil then
    local count = work.a1
    if count < DATA_SIZE then
      local device = self.devices
      if device ~= nil then
        self.devices = device.link
        device.a1 = work.a2[count + 1]
        work.a1 = count + 1
        return s:queue(device)
      end
    else
      self.work = work.link
      return s:queue(work)
    end
  end
  return s:suspend_current()
end

---------------------------------------------------------------- benchmark
local function new_task(class, scheduler, fields)
  fields.scheduler = scheduler
  return setmetatable(fields, class)
end

local function packets(count, id, kind)
  local queue = nil
  for _ = 1, count do queue = Packet.new(queue, id, kind) end
  return queue
end

local function run_richards()
  local s = Scheduler.new()
  s:add_running_task(ID_IDLE, 0, nil, new_task(IdleTask, s, { v1 = 1, count = COUNT }))
  s:add_task(ID_WORKER, 1000, packets(2, ID_WORKER, KIND_WORK),
    new_task(WorkerTask, s, { destination = ID_HANDLER_A, letter = 0 }))
  s:add_task(ID_HANDLER_A, 2000, packets(3, ID_DEVICE_A, KIND_DEVICE), new_task(HandlerTask, s, {}))
  s:add_task(ID_HANDLER_B, 3000, packets(3, ID_DEVICE_B, KIND_DEVICE), new_task(HandlerTask, s, {}))
  s:add_task(ID_DEVICE_A, 4000, nil, new_task(DeviceTask, s, {}))
  s:add_task(ID_DEVICE_B, 5000, nil, new_task(DeviceTask, s, {}))
  s:schedule()
  return s.queue_count, s.hold_count
end

local total_queue, total_hold, queue_count, hold_count = 0, 0, 0, 0
for _ = 1, n do
  queue_count, hold_count = run_richards()
  total_queue = total_queue + queue_count
  total_hold = total_hold + hold_count
end
local correct = queue_count == 2322 and hold_count == 928
print(string.format("runs %d queue %d hold %d correct %s", n, total_queue, total_hold, tostring(correct)))
