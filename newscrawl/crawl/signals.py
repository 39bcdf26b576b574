"""newscrawl's own Scrapy signals."""

# Sent by the spider when it rejects a fetched page as bad input.
# Arguments: response, reason (the stats reason, e.g. "empty_body"), spider, detail.
page_rejected = object()
