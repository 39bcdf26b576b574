"""Scheduled crawls on scrapyd: the schedule file, the scrapyd client, `newscrawl-scheduler`, and
the guard that crawls started by scrapyd run with. Importing this package pulls in nothing heavy:
the crawl side (``runtime``) must not need APScheduler.
"""
