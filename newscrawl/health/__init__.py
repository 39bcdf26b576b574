"""Per-site crawl health: what a crawl saw of each site (tally), whether the site is blocked or
its articles left their usual shape (verdict), and the operator's report (report, svg)."""
