-- Havlak-style loop finding: builds a large control-flow graph of nested loops, then
-- finds its loop nesting forest with Havlak's algorithm (union-find, DFS numbering,
-- back-edge classification). The size is the number of loop trees in the graph.
-- quick: 1
local trees = tonumber(arg and arg[1]) or 8
local LOOPS_PER_TREE = 50
local BASE_LOOPS_PER_LOOP = 20

---------------------------------------------------------------- control-flow graph
local Graph = {}
Graph.__index = Graph

function Graph.new()
  return setmetatable({ blocks = {}, count = 0, edges = 0 }, Graph)
end

-- Blocks are named by integers from 0; returns the block, creating it when needed.
function Graph:block(name)
  local b = self.blocks[name + 1]
  if b == nil then
    b = { name = name, inputs = {}, outputs = {} }
    self.blocks[name + 1] = b
    self.count = self.count + 1
  end
  return b
end

function Graph:connect(from, to)
  local a, b = self:block(from), self:block(to)
  a.outputs[#a.outputs + 1] = b
  b.inputs[#b.inputs + 1] = a
  self.edges = self.edges + 1
end

local function straight(g, start, length)
  for i = 0, length - 1 do g:connect(start + i, start + i + 1) end
  return start + length
end

local function diamond(g, start)
  g:connect(start, start + 1)
  g:connect(start, start + 2)
  g:connect(start + 1, start + 3)
  g:connect(start + 2, start + 3)
  return start + 3
end

-- A loop containing two loops around diamonds; returns the block after it.
local function base_loop(g, from)
  local header = straight(g, from, 1)
  local first = diamond(g, header)
  local middle = straight(g, first, 1)
  local second = diamond(g, middle)
  local footer = straight(g, second, 1)
  g:connect(second, middle)
  g:connect(first, header)
  g:connect(footer, from)
  return straight(g, footer, 1)
end

local function build_graph()
  local g = Graph.new()
  g:block(0)
  base_loop(g, 0)
  g:block(1)
  g:connect(0, 2)
  local n = 2
  for _ = 1, trees do
    g:block(n + 1)
    g:connect(2, n + 1)
    n = n + 1
    for _ = 1, LOOPS_PER_TREE do
      local top = n
      n = straight(g, n, 1)
      for _ = 1, BASE_LOOPS_PER_LOOP do n = base_loop(g, n) end
      local bottom = straight(g, n, 1)
      g:connect(n, top)
      n = bottom
    end
    g:connect(n, 1)
  end
  return g
end

---------------------------------------------------------------- union-find
local UnionFind = {}
UnionFind.__index = UnionFind

function UnionFind.new(block, number)
  local node = setmetatable({ block = block, number = number, loop = nil }, UnionFind)
  node.parent = node
  return node
end

-- The set's representative, compressing the path on the way.
function UnionFind:find()
  local path = {}
  local node = self
  while node ~= node.parent do
    if node.parent ~= node.parent.parent then path[#path + 1] = node end
    node = node.parent
  end
  for i = 1, #path do path[i].parent = node.parent end
  return node
end

---------------------------------------------------------------- loop finding
local NONHEADER, REDUCIBLE, SELF, IRREDUCIBLE, DEAD = 1, 2, 3, 4, 5
local UNVISITED = -1

-- Numbers the blocks in depth-first preorder from `start` (an explicit stack, as the
-- graph is far deeper than a recursion limit); last[i] is the largest number in the
-- subtree of the block numbered i.
local function number_blocks(start, number, nodes, last)
  local counter = 0
  number[start] = 0
  nodes[0] = UnionFind.new(start, 0)
  local stack, positions = { start }, { 1 }
  local depth = 1
  while depth > 0 do
    local block = stack[depth]
    local position = positions[depth]
    local target = block.outputs[position]
    if target ~= nil then
      positions[depth] = position + 1
      if number[target] == UNVISITED then
        counter = counter + 1
        number[target] = counter
        nodes[counter] = UnionFind.new(target, counter)
        depth = depth + 1
        stack[depth], positions[depth] = target, 1
      end
    else
      last[number[block]] = counter
      stack[depth] = nil
      depth = depth - 1
    end
  end
end

local function find_loops(g)
  local size = g.count
  local number, nodes, last, kind = {}, {}, {}, {}
  local back_preds, non_back_preds, non_back_seen = {}, {}, {}
  for i = 1, size do number[g.blocks[i]] = UNVISITED end
  number_blocks(g.blocks[1], number, nodes, last)

  local function is_ancestor(w, v) return w <= v and v <= last[w] end

  -- Classify every incoming edge as a back edge or not.
  for w = 0, size - 1 do
    back_preds[w], non_back_preds[w], non_back_seen[w] = {}, {}, {}
    kind[w] = NONHEADER
    local node = nodes[w]
    if node == nil then
      kind[w] = DEAD
    else
      for _, pred in ipairs(node.block.inputs) do
        local v = number[pred]
        if v ~= UNVISITED then
          if is_ancestor(w, v) then
            back_preds[w][#back_preds[w] + 1] = v
          elseif not non_back_seen[w][v] then
            non_back_seen[w][v] = true
            non_back_preds[w][#non_back_preds[w] + 1] = v
          end
        end
      end
    end
  end

  -- From the bottom of the DFS tree up, collapse each loop body into its header.
  local loops = {}
  for w = size - 1, 0, -1 do
    local node_w = nodes[w]
    if node_w ~= nil then
      local pool, in_pool = {}, {}
      for _, v in ipairs(back_preds[w]) do
        if v ~= w then
          local rep = nodes[v]:find()
          if not in_pool[rep] then
            in_pool[rep] = true
            pool[#pool + 1] = rep
          end
        else
          kind[w] = SELF
        end
      end
      if #pool > 0 then kind[w] = REDUCIBLE end
      local work = {}
      for i = 1, #pool do work[i] = pool[i] end
      local head = 1
      while head <= #work do
        local x = work[head]
        head = head + 1
        for _, v in ipairs(non_back_preds[x.number]) do
          local ydash = nodes[v]:find()
          if not is_ancestor(w, ydash.number) then
            kind[w] = IRREDUCIBLE
            if not non_back_seen[w][ydash.number] then
              non_back_seen[w][ydash.number] = true
              non_back_preds[w][#non_back_preds[w] + 1] = ydash.number
            end
          elseif ydash.number ~= w and not in_pool[ydash] then
            in_pool[ydash] = true
            pool[#pool + 1] = ydash
            work[#work + 1] = ydash
          end
        end
      end
      if #pool > 0 or kind[w] == SELF then
        local loop = { header = node_w.block, reducible = kind[w] ~= IRREDUCIBLE, blocks = 1, parent = nil }
        for _, member in ipairs(pool) do
          member.parent = node_w
          if member.loop ~= nil then
            member.loop.parent = loop
          else
            loop.blocks = loop.blocks + 1
          end
        end
        node_w.loop = loop
        loops[#loops + 1] = loop
      end
    end
  end
  return loops
end

-- Nesting depth of every loop (outermost 1) through the parent links, memoised.
local function nesting(loops)
  local depth_of = {}
  local max_depth, depth_sum, blocks = 0, 0, 0
  for _, loop in ipairs(loops) do
    local chain, l = {}, loop
    while l ~= nil and depth_of[l] == nil do
      chain[#chain + 1] = l
      l = l.parent
    end
    local depth = l and depth_of[l] or 0
    for i = #chain, 1, -1 do
      depth = depth + 1
      depth_of[chain[i]] = depth
    end
    local d = depth_of[loop]
    if d > max_depth then max_depth = d end
    depth_sum = depth_sum + d
    blocks = blocks + loop.blocks
  end
  return max_depth, depth_sum, blocks
end

local g = build_graph()
local loops
for _ = 1, 3 do loops = find_loops(g) end
local max_depth, depth_sum, blocks = nesting(loops)
print(string.format("blocks %d edges %d loops %d max depth %d depth sum %d loop blocks %d",
  g.count, g.edges, #loops, max_depth, depth_sum, blocks))
