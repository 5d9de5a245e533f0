-- wrk script for `.ci/bench`: every request a search drawn at random from 7,000 different
-- ones (keywords × country × size × page), so a cache of recent answers rarely helps.
local keywords = {
  "cloud migration", "security", "teams voice", "power bi", "backup", "data analytics",
  "identity", "sharepoint", "azure", "dynamics 365", "licensing", "training", "networking",
  "device management", "email migration", "compliance", "virtual desktops",
  "threat protection", "governance", "help desk",
}
local countries = { "", "US", "GB", "DE", "FR", "IN", "JP", "CA", "AU", "BR" }
local sizes = { "", "1-10", "11-50", "51-250", "251-1000", "1001-5000", "5000%2B" }

math.randomseed(os.time())

request = function()
  local path = "/api/search_partners?params%5Bq%5D=" .. keywords[math.random(#keywords)]:gsub(" ", "+")
    .. "&params%5Bcountry%5D=" .. countries[math.random(#countries)]
    .. "&params%5Bsize%5D=" .. sizes[math.random(#sizes)]
    .. "&params%5Bpage%5D=" .. (math.random(5) - 1)
  return wrk.format("GET", path)
end
