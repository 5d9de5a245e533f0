-- wrk script for `.ci/bench`: every request a search drawn at random from 10,080 different
-- ones (24 keywords, four of them Chinese, × 12 countries × 7 sizes × 5 pages), so a cache of
-- recent answers rarely helps.
local keywords = {
  "cloud migration", "security", "teams voice", "power bi", "backup", "data analytics",
  "identity", "sharepoint", "azure", "dynamics 365", "licensing", "training", "networking",
  "device management", "email migration", "compliance", "virtual desktops",
  "threat protection", "governance", "help desk",
  -- 云迁移, 安全评估, 数据分析, 备份 (percent-encoded)
  "%E4%BA%91%E8%BF%81%E7%A7%BB", "%E5%AE%89%E5%85%A8%E8%AF%84%E4%BC%B0",
  "%E6%95%B0%E6%8D%AE%E5%88%86%E6%9E%90", "%E5%A4%87%E4%BB%BD",
}
local countries = { "", "US", "GB", "DE", "FR", "IN", "JP", "CA", "AU", "BR", "CN", "SG" }
local sizes = { "", "1-10", "11-50", "51-250", "251-1000", "1001-5000", "5000%2B" }

math.randomseed(os.time())

request = function()
  local path = "/api/search_partners?params%5Bq%5D=" .. keywords[math.random(#keywords)]:gsub(" ", "+")
    .. "&params%5Bcountry%5D=" .. countries[math.random(#countries)]
    .. "&params%5Bsize%5D=" .. sizes[math.random(#sizes)]
    .. "&params%5Bpage%5D=" .. (math.random(5) - 1)
  return wrk.format("GET", path)
end
