"""`make demo`: serve the offline newsroom on 127.0.0.1, crawl it with the augsburger_allgemeine
spider into the SQLite store, and print a short summary.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.store import ArticleStore  # noqa: E402
from newscrawl.testing.serve import serve_in_thread  # noqa: E402

# A fixed port: the mirror's address is part of every stored URL, so a second demo run finds
# the same articles (and stores nothing new) only on the same address.
DEMO_PORT = int(os.environ.get("NEWSCRAWL_DEMO_PORT", "8765"))


def main() -> int:
    db = os.environ.get("NEWSCRAWL_DB", str(ROOT / "data" / "newscrawl.sqlite3"))
    scrapy = str(Path(sys.executable).with_name("scrapy"))
    try:
        server = serve_in_thread(port=DEMO_PORT)  # binds here
    except OSError as err:
        print(f"port {DEMO_PORT} is busy ({err}); set NEWSCRAWL_DEMO_PORT to a free port",
              file=sys.stderr)
        return 2
    with server:
        print(f"offline newsroom at {server.base_url}")
        before = ArticleStore.open(db).count()
        cmd = [
            scrapy, "crawl", "augsburger_allgemeine",
            "-a", f"base_url={server.base_url}",
            "-s", f"NEWSCRAWL_DB={db}",
            "-s", "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS=127.0.0.0/8",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
            "-s", "LOG_LEVEL=WARNING",
        ]
        print("$ " + " ".join(cmd))
        result = subprocess.run(cmd, cwd=ROOT, check=False)
        if result.returncode != 0:
            print(f"crawl failed with exit code {result.returncode}", file=sys.stderr)
            return result.returncode
    store = ArticleStore.open(db)
    articles = list(store.iter_articles(site="augsburger_allgemeine", include_duplicates=True))
    after = store.count()
    history = store.crawl_history(limit_per_site=1)
    store.close()
    print(f"\nstore: {db}")
    print(f"articles stored: {after} ({after - before} new in this run)")
    if history:
        h = history[0]
        print(f"last crawl: {h['pages_fetched']} pages fetched, {h['articles_stored']} stored, "
              f"{h['generic_fallbacks']} generic fallbacks, {h['paywalled']} paywalled, "
              f"{h['chrome_lines_dropped']} chrome lines dropped")
    for record in articles[:5]:
        print(f"  {record['published_at'] or '-':20}  {record['title']}")
    if articles:
        seed = next((a for a in articles if "Biden" in (a["title"] or "")), articles[0])
        print("\nexample record:")
        print(json.dumps({k: seed[k] for k in ("title", "kicker", "authors", "section",
                                               "published_at", "images", "paywalled")},
                         ensure_ascii=False, indent=2))
    print(f"\nexport them: {scrapy} export -o articles.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
