"""`scrapy replay`: the newsroom's own WARC (a crawl of the served newsroom, `scrapy export --warc`)
replays into the same articles, field for field, as the live crawl stored; a second replay stores
nothing new; the same WARC over http://127.0.0.1 with two worker processes stores the same, and
over https://127.0.0.1 streamed through the SSRF guard; two captures of one page keep the later
as the article and the earlier as its history with two workers; every
broken-record case is counted and the good records around it stored; a replay killed three times
with --state and restarted stores every article exactly once."""

from __future__ import annotations

import ast
import functools
import gzip
import ipaddress
import json
import os
import signal
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.records import Broken, Record, iter_units
from newscrawl.store import ArticleStore
from tests import test_distributed
from tests.conftest import ROOT, SCRAPY, run_crawl

# The private redis-server and the per-test PostgreSQL database of the distributed crawl tests.
redis_url = test_distributed.redis_url
pg_store_url = test_distributed.pg_store_url

ENV_SETTINGS = ["-s", "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS=127.0.0.0/8"]


def replay(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([SCRAPY, "replay", *args, "--db", str(db), "--no-progress",
                             *ENV_SETTINGS], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, check=False)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def stats(result: subprocess.CompletedProcess[str]) -> dict[str, int]:
    text = result.stderr.split("Replay stats:\n", 1)[1]
    return ast.literal_eval(text[:text.index("}") + 1])


def export(db: Path) -> dict[str, dict]:
    out = db.with_suffix(".jsonl")
    subprocess.run([SCRAPY, "export", "--db", str(db), "-o", str(out)], cwd=ROOT, check=True,
                   capture_output=True)
    return {r["canonical_url"]: r for r in map(json.loads, out.read_text().splitlines())}


def urls_in(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT canonical_url FROM articles")]


@pytest.fixture(scope="module")
def newsroom_warc(newsroom: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A crawl of the newsroom, its export, and its raw pages as a WARC."""
    folder = tmp_path_factory.mktemp("replay")
    db = folder / "crawl.sqlite3"
    crawl = run_crawl("augsburger_allgemeine", f"base_url={newsroom}", db=db)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    warc = folder / "newsroom.warc.gz"
    subprocess.run([SCRAPY, "export", "--db", str(db), "--warc", str(warc)], cwd=ROOT,
                   check=True, capture_output=True)
    return {"warc": warc, "crawl": export(db), "mirror": f"augsburger_allgemeine={newsroom}",
            "folder": folder}


def test_replay_stores_what_the_crawl_stored(newsroom_warc: dict, tmp_path: Path) -> None:
    db = tmp_path / "replay.sqlite3"
    first = stats(replay(db, str(newsroom_warc["warc"]), "--mirror", newsroom_warc["mirror"],
                         "--processes", "1"))
    crawled = newsroom_warc["crawl"]
    assert first["newscrawl/store/inserted"] == len(crawled) == 33
    replayed = export(db)
    assert sorted(replayed) == sorted(crawled)
    for url, record in crawled.items():
        assert replayed[url] == record, url  # every field, fetched_at (the capture time) too
    # A second replay into the same store stores nothing new.
    second = stats(replay(db, str(newsroom_warc["warc"]), "--mirror", newsroom_warc["mirror"],
                          "--processes", "1"))
    assert second["newscrawl/store/unchanged"] == 33
    assert second["newscrawl/store/articles_stored"] == 0
    assert len(urls_in(db)) == 33


def test_unknown_sites_are_skipped_unless_asked_for(newsroom_warc: dict, tmp_path: Path) -> None:
    known = stats(replay(tmp_path / "a.sqlite3", str(newsroom_warc["warc"]), "--processes", "1"))
    assert known["newscrawl/replay/skipped/other_site"] == 33
    assert known["newscrawl/store/articles_stored"] == 0
    every = stats(replay(tmp_path / "b.sqlite3", str(newsroom_warc["warc"]), "--sites", "all",
                         "--lang", "de", "--processes", "1"))
    assert every["newscrawl/store/inserted"] == 33
    records = export(tmp_path / "b.sqlite3").values()
    assert {r["site"] for r in records} == {"generic"}
    assert {r["language"] for r in records} == {"de"}
    english = stats(replay(tmp_path / "c.sqlite3", str(newsroom_warc["warc"]), "--sites", "all",
                           "--lang", "en", "--processes", "1"))
    assert english["newscrawl/replay/other_language"] == 33


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_url_with_two_processes_stores_the_same(newsroom_warc: dict, tmp_path: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(newsroom_warc["folder"]))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/newsroom.warc.gz"
        db = tmp_path / "url.sqlite3"
        result = stats(replay(db, url, "--mirror", newsroom_warc["mirror"], "--processes", "2"))
        assert result["newscrawl/store/inserted"] == 33
        assert export(db) == newsroom_warc["crawl"]
        # Without the loopback allowance the SSRF rule refuses the source.
        refused = subprocess.run([SCRAPY, "replay", url, "--db", str(tmp_path / "r.sqlite3"),
                                  "--no-progress"], cwd=ROOT, capture_output=True, text=True,
                                 timeout=120, check=False)
        assert refused.returncode == 1
        assert "SSRF guard: refusing" in refused.stderr
        assert stats(refused)["newscrawl/replay/sources/failed"] == 1
    finally:
        server.shutdown()


# --- broken records -----------------------------------------------------------------------------
def members(warc: Path) -> list[bytes]:
    """The gzip members (one record each) of a WARC written by `scrapy export --warc`."""
    data = warc.read_bytes()
    return [data[u.offset:u.end] for u in iter_units(BytesIO(data))]


def record(rec_type: str, url: str, payload: bytes = b"", status: str = "200 OK",
           headers: list[tuple[str, str]] | None = None,
           date: str = "2024-05-01T08:00:00Z") -> bytes:
    """One gzipped WARC record written by warcio."""
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders(status, headers or [("Content-Type", "text/html")],
                            protocol="HTTP/1.1") if rec_type in {"response", "revisit"} else None
    writer.write_record(writer.create_warc_record(
        url, rec_type, payload=BytesIO(payload), http_headers=http,
        warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


def corrupt(member: bytes) -> bytes:
    """The member with 40 bytes of its deflate stream flipped."""
    middle = bytearray(member)
    for i in range(len(member) // 2, len(member) // 2 + 40):
        middle[i] ^= 0x55
    return bytes(middle)


def wrong_length(member: bytes, delta: int) -> bytes:
    """The record re-gzipped with its Content-Length off by ``delta``."""
    text = gzip.decompress(member)
    head, _, rest = text.partition(b"Content-Length: ")
    length, _, tail = rest.partition(b"\r\n")
    return gzip.compress(head + b"Content-Length: " + str(int(length) + delta).encode() +
                         b"\r\n" + tail)


def test_broken_records_are_counted_and_the_others_stored(newsroom_warc: dict,
                                                          tmp_path: Path) -> None:
    good = members(newsroom_warc["warc"])
    host = urlsplit(newsroom_warc["mirror"].split("=", 1)[1]).netloc
    page = f"http://{host}/augsburg/Kein-Artikel-id11111111.html"
    garbage = b"\x1f\x8b\x08\x00" + bytes(range(200))
    parts = [
        good[0], good[1], corrupt(good[2]), good[3], wrong_length(good[4], 25), good[5],
        wrong_length(good[6], -25), good[7],
        record("response", page, garbage, headers=[("Content-Type", "text/html"),
                                                   ("Content-Encoding", "gzip")]),
        good[8],
        record("request", page, b"GET / HTTP/1.1\r\n\r\n"),
        record("revisit", page),
        record("response", page, b"<html>weg</html>", status="404 Not Found"),
        record("response", page + ".jpg", b"\xff\xd8\xff\xe0" + bytes(500),
               headers=[("Content-Type", "image/jpeg")]),
        good[9], good[10][: len(good[10]) // 2],  # truncated: the file ends inside a record
    ]
    warc = tmp_path / "broken.warc.gz"
    warc.write_bytes(b"".join(parts))
    result = stats(replay(tmp_path / "b.sqlite3", str(warc), "--mirror",
                          newsroom_warc["mirror"], "--processes", "1"))
    for reason in ("bad_gzip", "truncated", "undecodable"):
        assert result[f"newscrawl/replay/broken/{reason}"] == 1, reason
    assert result["newscrawl/replay/broken/content_length"] == 2
    for reason in ("not_response", "revisit", "not_200", "not_html"):
        assert result[f"newscrawl/replay/skipped/{reason}"] == 1, reason
    assert result["newscrawl/store/inserted"] == 7  # good 0, 1, 3, 5, 7, 8, 9
    expected = {_url(good[i]) for i in (0, 1, 3, 5, 7, 8, 9)}
    assert set(urls_in(tmp_path / "b.sqlite3")) == expected


def _url(member: bytes) -> str:
    unit = next(iter_units(BytesIO(member)))
    assert isinstance(unit, Record)
    return unit.target_uri or ""


def test_plain_warc_resyncs_after_a_wrong_length(newsroom_warc: dict) -> None:
    plain = [gzip.decompress(m) for m in members(newsroom_warc["warc"])[:6]]
    too_long = wrong_length(gzip.compress(plain[1]), 5000)
    too_short = wrong_length(gzip.compress(plain[3]), -100)
    data = plain[0] + gzip.decompress(too_long) + plain[2] + gzip.decompress(too_short) + \
        plain[4] + plain[5][:300]
    units = list(iter_units(BytesIO(data)))
    kinds = [u.reason if isinstance(u, Broken) else "ok" for u in units]
    assert kinds == ["ok", "content_length", "ok", "content_length", "ok", "truncated"]
    third = units[2]
    assert isinstance(third, Record)
    assert third.payload == plain[2].split(b"\r\n\r\n", 2)[2].removesuffix(b"\r\n\r\n")


# --- captures of one URL ---------------------------------------------------------------------
def test_later_captures_of_a_url_win_with_two_processes(newsroom_warc: dict,
                                                       tmp_path: Path) -> None:
    """A WARC holding two captures of the same page (the story was edited between them) keeps
    the later one as the article and the earlier one as its history, whatever worker has them."""
    good = members(newsroom_warc["warc"])
    crawl = newsroom_warc["crawl"]
    parts: list[bytes] = []
    edited: dict[str, str] = {}
    # The first capture of each edited page carries a long link footer, so it takes its worker
    # several times longer than the edited capture right behind it: a second worker taking the
    # edit would store it first and the older text over it.
    footer = "<footer>" + "".join(f'<a href="/s/{i}">Rubrik {i}</a> ' for i in range(4000))
    for member in good:
        unit = next(iter_units(BytesIO(member)))
        assert isinstance(unit, Record)
        url = unit.target_uri or ""
        article = crawl.get(url)
        html = unit.payload.decode("utf-8")
        last = article["body"].split("\n")[-1][:40] if article else ""
        if not last or len(edited) == 12 or html.count(last) != 1:
            parts.append(member)
            continue
        sentence = f" Nachtrag {len(edited)}: Die Meldung wurde um 14 Uhr ergänzt."
        edited[url] = sentence.strip()
        page_type = [("Content-Type", "text/html; charset=utf-8")]
        parts.append(record("response", url, html.replace("</body>", footer + "</footer></body>")
                            .encode("utf-8"), headers=page_type))
        # The edit: a sentence appended to the body's last paragraph.
        parts.append(record("response", url, html.replace(last, last + sentence).encode("utf-8"),
                            headers=page_type, date="2024-05-02T08:00:00Z"))
    assert len(edited) == 12
    warc = tmp_path / "edited.warc.gz"
    warc.write_bytes(b"".join(parts))
    db = tmp_path / "e.sqlite3"
    result = stats(replay(db, str(warc), "--mirror", newsroom_warc["mirror"],
                          "--processes", "2"))
    assert result["newscrawl/store/inserted"] == 33
    stored = export(db)
    with sqlite3.connect(db) as conn:
        history = dict(conn.execute(
            "SELECT a.canonical_url, v.body FROM article_versions v "
            "JOIN articles a ON a.id = v.article_id"))
    for url, sentence in edited.items():
        assert sentence in stored[url]["body"], url
        assert stored[url]["version"] == 2, url
        assert history[url] == crawl[url]["body"], url
    assert len(history) == len(edited)


# --- kill and resume ------------------------------------------------------------------------------
def test_killed_three_times_and_resumed_stores_each_article_once(newsroom_warc: dict,
                                                                 tmp_path: Path) -> None:
    db, state = tmp_path / "k.sqlite3", tmp_path / "state"
    args = [SCRAPY, "replay", str(newsroom_warc["warc"]), "--mirror", newsroom_warc["mirror"],
            "--db", str(db), "--state", str(state), "--processes", "1", "--no-progress",
            *ENV_SETTINGS]
    for threshold in (5, 15, 25):
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if db.exists() and _count(db) >= threshold:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
        process.wait()
        assert process.returncode == -signal.SIGKILL, "the replay ended before the kill"
    final = subprocess.run([*args[:-len(ENV_SETTINGS) - 3], "--processes", "2", "--no-progress",
                            *ENV_SETTINGS], cwd=ROOT, capture_output=True, text=True,
                           timeout=300, check=True)
    assert stats(final)["newscrawl/replay/records"] < 33  # resumed, not started again
    stored = urls_in(db)
    assert len(stored) == len(set(stored)) == 33
    assert export(db) == newsroom_warc["crawl"]
    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300,
                           check=True)
    assert stats(again)["newscrawl/replay/sources/done_before"] == 1


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


# A replay's process with two workers, killed while it wrote a page to a worker: half a message
# (a length header promising 1 MiB, then 10 bytes) in worker 0's task pipe, then SIGKILL.
_KILLED_MID_WRITE = """
import os, signal, struct, sys
from pathlib import Path
from scrapy.utils.project import get_project_settings
from newscrawl.archive.workers import WorkerPool
pool = WorkerPool(get_project_settings(), sys.argv[1], None, 2)
os.write(pool.tasks[0]._writer.fileno(), struct.pack("!i", 1 << 20) + b"x" * 10)
Path(sys.argv[2]).write_text(" ".join(str(w.pid) for w in pool.workers))
os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_replay_is_killed_mid_write(tmp_path: Path) -> None:
    pids_file = tmp_path / "pids"
    process = subprocess.run([sys.executable, "-c", _KILLED_MID_WRITE, str(tmp_path / "w.db"),
                              str(pids_file)], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, timeout=120, check=False)
    assert process.returncode == -signal.SIGKILL
    pids = [int(pid) for pid in pids_file.read_text().split()]
    assert len(pids) == 2
    try:
        deadline = time.monotonic() + 30
        while any(map(_alive, pids)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_alive, pids)), "a worker outlived the replay"
    finally:
        for pid in filter(_alive, pids):
            os.kill(pid, signal.SIGKILL)


# --- sources ------------------------------------------------------------------------------------
def test_sources_from_listing_folder_and_glob(tmp_path: Path) -> None:
    from newscrawl.archive.sources import SourceError, expand

    (tmp_path / "a").mkdir()
    for name in ("a/1.warc.gz", "a/2.warc", "a/notes.txt", "3.warc.gz"):
        (tmp_path / name).write_bytes(b"")
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"crawl-data/CC-NEWS/2024/05/x.warc.gz\n\n"
                                      b"https://other.example/y.warc.gz\n"))
    sources = expand([str(listing), str(tmp_path / "a"), str(tmp_path / "*.warc.gz")],
                     base_url="https://data.example.org")
    assert [s.name for s in sources] == [
        "https://data.example.org/crawl-data/CC-NEWS/2024/05/x.warc.gz",
        "https://other.example/y.warc.gz",
        str(tmp_path / "a/1.warc.gz"), str(tmp_path / "a/2.warc"), str(tmp_path / "3.warc.gz")]
    with pytest.raises(SourceError, match="--base-url"):
        expand([str(listing)])


# --- several machines (Redis queue, PostgreSQL store) -----------------------------------------
@pytest.mark.services
def test_two_machines_split_a_listing_through_redis(newsroom_warc: dict, tmp_path: Path,
                                                    redis_url: str, pg_store_url: str) -> None:
    parts = members(newsroom_warc["warc"])
    listing = tmp_path / "warc.paths"
    names = []
    for i in range(0, len(parts), 4):  # 9 files of up to 4 records
        name = f"part-{i // 4}.warc.gz"
        (tmp_path / name).write_bytes(b"".join(parts[i:i + 4]))
        names.append(name)
    listing.write_text("\n".join(names) + "\n")
    cmd = [SCRAPY, "replay", str(listing), "--base-url", str(tmp_path), "--mirror",
           newsroom_warc["mirror"], "--db", pg_store_url, "--processes", "1", "--no-progress",
           "-s", f"REDIS_URL={redis_url}", *ENV_SETTINGS]
    machines = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for _ in range(2)]
    results = [machine.communicate(timeout=300) for machine in machines]
    assert all(machine.returncode == 0 for machine in machines), results
    counts = [stats(subprocess.CompletedProcess([], 0, out, err)) for out, err in results]
    assert sum(c.get("newscrawl/replay/sources/read", 0) for c in counts) == len(names)
    assert sum(c["newscrawl/store/articles_stored"] for c in counts) == 33
    store = ArticleStore.open(pg_store_url)
    try:
        stored = [r["canonical_url"] for r in store.iter_articles(include_duplicates=True)]
    finally:
        store.close()
    assert sorted(stored) == sorted(newsroom_warc["crawl"])


@pytest.mark.services
def test_a_dead_machines_source_is_taken_over(redis_url: str) -> None:
    from newscrawl.archive.shared import SharedQueue
    from newscrawl.archive.state import Ledger

    prefix = f"t{time.monotonic_ns()}"
    first = SharedQueue(redis_url, prefix, ["a.warc.gz", "b.warc.gz"], lease_seconds=1)
    assert first.claim() == "a.warc.gz"
    ledger = Ledger(0)
    ledger.passed(4096)
    first.save("a.warc.gz", ledger, force=True)  # then this machine dies
    second = SharedQueue(redis_url, prefix, ["a.warc.gz", "b.warc.gz"], lease_seconds=1)
    assert second.claim() == "b.warc.gz"
    time.sleep(2.2)
    assert second.claim() == "a.warc.gz"
    assert second.start("a.warc.gz") == 4096
    ledger.ended = True
    second.save("a.warc.gz", ledger)
    assert second.start("a.warc.gz") is None and second.claim() in {None, "b.warc.gz"}


def test_a_redirect_to_a_private_address_is_refused() -> None:
    from newscrawl.archive.sources import SourceError, open_url
    from newscrawl.middlewares.ssrf import AddressPolicy

    class Redirect(_Quiet):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "http://10.1.2.3/crawl-data/x.warc.gz")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/x.warc.gz"
        with pytest.raises(SourceError, match=r"SSRF guard: refusing http://10\.1\.2\.3/"):
            open_url(url, AddressPolicy(["127.0.0.0/8"]))
        with pytest.raises(SourceError, match="loopback"):
            open_url(url, AddressPolicy())
    finally:
        server.shutdown()


def test_a_connection_lost_midway_resumes_from_the_state(newsroom_warc: dict,
                                                         tmp_path: Path) -> None:
    data = newsroom_warc["warc"].read_bytes()

    class Flaky(_Quiet):
        cut = True

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2] if Flaky.cut else data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/newsroom.warc.gz"
        db, state = tmp_path / "f.sqlite3", tmp_path / "state"
        args = [url, "--mirror", newsroom_warc["mirror"], "--processes", "1", "--state",
                str(state)]
        first = replay(db, *args, check=False)
        assert first.returncode == 1
        assert stats(first)["newscrawl/replay/sources/failed"] == 1
        stored_first = stats(first)["newscrawl/store/inserted"]
        assert 5 < stored_first < 33
        Flaky.cut = False
        second = stats(replay(db, *args))
        assert second["newscrawl/store/inserted"] == 33 - stored_first
        assert second["newscrawl/replay/records"] < 33
        assert sorted(urls_in(db)) == sorted(newsroom_warc["crawl"])
    finally:
        server.shutdown()


# --- HTTPS --------------------------------------------------------------------------------------
def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key (cert and key as PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_https_source_is_streamed_through_the_ssrf_guard(newsroom_warc: dict,
                                                         tmp_path: Path) -> None:
    """The WARC over https://127.0.0.1 (a certificate made here, trusted through SSL_CERT_FILE)
    stores what the crawl stored; the server holds back the last records until the store has
    articles, so the replay cannot have waited for the whole file. Without the loopback
    allowance the SSRF guard refuses the URL; without the certificate TLS does."""
    parts = members(newsroom_warc["warc"])
    head, tail = b"".join(parts[:-4]), b"".join(parts[-4:])
    db = tmp_path / "https.sqlite3"
    held_back: list[bool] = []

    class Slow(_Quiet):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(head) + len(tail)))
            self.end_headers()
            self.wfile.write(head)
            self.wfile.flush()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (db.exists() and urls_in(db)):
                time.sleep(0.1)
            held_back.append(bool(db.exists() and urls_in(db)))
            self.wfile.write(tail)

    cert, key = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"https://127.0.0.1:{server.server_port}/newsroom.warc.gz"
    env = {**os.environ, "SSL_CERT_FILE": str(cert)}
    try:
        result = subprocess.run(
            [SCRAPY, "replay", url, "--mirror", newsroom_warc["mirror"], "--processes", "1",
             "--db", str(db), "--no-progress", *ENV_SETTINGS], cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        assert held_back == [True]  # articles stored before the last records were sent
        assert stats(result)["newscrawl/store/inserted"] == 33
        assert export(db) == newsroom_warc["crawl"]
        # Without the loopback allowance the SSRF guard refuses the source before connecting.
        refused = subprocess.run([SCRAPY, "replay", url, "--db", str(tmp_path / "r.sqlite3"),
                                  "--no-progress"], cwd=ROOT, env=env, capture_output=True,
                                 text=True, timeout=120, check=False)
        assert refused.returncode == 1
        assert "SSRF guard: refusing" in refused.stderr
        # Allowed, but with the system's certificates only: the self-signed one is refused.
        untrusted = replay(tmp_path / "u.sqlite3", url, check=False)
        assert untrusted.returncode == 1
        assert "CERTIFICATE_VERIFY_FAILED" in untrusted.stderr
        assert stats(untrusted)["newscrawl/replay/sources/failed"] == 1
        assert len(held_back) == 1  # neither refused run got as far as a request
    finally:
        server.shutdown()


def test_workers_are_forked_only_from_a_single_threaded_reader() -> None:
    """Forked workers inherit the imported extraction code (spawned ones import it again,
    ~1.4 CPU s each); a fork of a process with other threads could copy a held lock, so then
    they are spawned."""
    from newscrawl.archive.workers import start_method

    fresh = subprocess.run([sys.executable, "-c", "from newscrawl.archive.workers import "
                            "start_method; print(start_method())"], cwd=ROOT,
                           capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        other.join()
