-- Argo CD health check for agriplatform.io/AgriPlatform (docs/gitops.md). Argo CD runs it with gopher-lua (Lua 5.1)
-- on the live object `obj` and shows hs.status and hs.message on the Application.
local hs = {}
local status = obj.status
if status == nil or status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for agri-operator to observe the platform"
  return hs
end
if obj.metadata.generation ~= nil and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for agri-operator to observe generation " .. obj.metadata.generation
  return hs
end
local function condition(type)
  for _, c in ipairs(status.conditions or {}) do
    if c.type == type then
      return c
    end
  end
  return nil
end
local function message(type)
  local c = condition(type)
  if c ~= nil and c.message ~= nil then
    return c.message
  end
  return ""
end
local phase = status.phase
if phase == "Ready" then
  hs.status = "Healthy"
  hs.message = message("Ready")
elseif phase == "Failed" then
  hs.status = "Degraded"
  local invalid = condition("InvalidSpec")
  if invalid ~= nil and invalid.status == "True" then
    hs.message = message("InvalidSpec")
  else
    hs.message = message("Degraded")
  end
elseif phase == "Degraded" then
  hs.status = "Degraded"
  hs.message = message("Degraded")
elseif phase == "Paused" then
  -- A release waits for a person (kubectl agri promote | resume), or the platform is paused by annotation.
  hs.status = "Suspended"
  hs.message = message("Ready")
else
  hs.status = "Progressing"
  hs.message = message("Ready")
end
return hs
