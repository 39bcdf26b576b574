"""newscrawl's own Scrapy signals."""

# Sent by the spider when it rejects a fetched page as bad input.
# Arguments: response, reason (the stats reason, e.g. "empty_body"), spider, detail.
page_rejected = object()

# Sent by the spider when a fetch failed (HTTP error, timeout, robots.txt, incremental skip).
# Arguments: request, status (the HTTP status, or None), error (the failure's text), spider.
fetch_failed = object()

# Sent by the spider when a page is a bot challenge or consent wall in place of an article.
# Arguments: response, wall (newscrawl.extract.walls.Wall), spider.
page_walled = object()
