"""Deploy to a real scrapyd and let `newscrawl-scheduler --once` crawl the offline newsroom.

The scrapyd runs from a temporary directory outside the project (never inside the tree: it
would pick up scrapy.cfg and the working copy instead of the egg), on a free loopback port,
with basic auth from a generated scrapyd.conf.
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SPIDER = "augsburger_allgemeine"
SEED = "/panorama/Ukraine-Konflikt-Biden-will-direkt-mit-Putin-sprechen-id61306042.html"


@dataclass
class Scrapyd:
    url: str
    username: str
    password: str
    home: Path

    @property
    def auth(self) -> tuple[str, str]:
        return (self.username, self.password)

    def get(self, endpoint: str, **params: str) -> dict:
        response = requests.get(f"{self.url}/{endpoint}", params=params, auth=self.auth,
                                timeout=10)
        response.raise_for_status()
        return response.json()

    def env(self) -> dict[str, str]:
        return {**os.environ, "SCRAPYD_URL": self.url, "SCRAPYD_USERNAME": self.username,
                "SCRAPYD_PASSWORD": self.password}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scrapyd]:
    home = tmp_path_factory.mktemp("scrapyd")
    assert not home.resolve().is_relative_to(ROOT)
    port = _free_port()
    username, password = "ops", secrets.token_urlsafe(12)
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"username = {username}\npassword = {password}\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\nitems_dir =\n"
        "max_proc = 2\npoll_interval = 0.5\n"
    )
    log = (home / "scrapyd.out").open("wb")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=log,
                            stderr=subprocess.STDOUT)
    server = Scrapyd(f"http://127.0.0.1:{port}", username, password, home)
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"{server.url}/daemonstatus.json", auth=server.auth,
                            timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("scrapyd did not start:\n" + (home / "scrapyd.out").read_text())
        time.sleep(0.2)
    yield server
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def deployed(scrapyd: Scrapyd) -> Scrapyd:
    """The project built into an egg and uploaded by scrapyd-deploy, target from the user's
    scrapy.cfg (XDG_CONFIG_HOME), project and credentials from the repository's [deploy]."""
    xdg = scrapyd.home / "xdg"
    xdg.mkdir()
    (xdg / "scrapy.cfg").write_text(f"[deploy:test]\nurl = {scrapyd.url}\n")
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--version", "r1"], cwd=ROOT,
        env={**scrapyd.env(), "XDG_CONFIG_HOME": str(xdg)},
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"status": "ok"' in result.stdout, result.stdout + result.stderr
    return scrapyd


def _scheduler(server: Scrapyd, schedule: Path, *args: str,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    script = BIN / "newscrawl-scheduler"
    assert script.exists(), "newscrawl-scheduler missing: pip install -e . (make venv)"
    return subprocess.run([str(script), "--config", str(schedule), *args],
                          env=env or server.env(), cwd=server.home, capture_output=True,
                          text=True, timeout=120, check=False)


def _wait_finished(server: Scrapyd, jobid: str, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = server.get("listjobs.json", project="newscrawl")
        for job in jobs["finished"]:
            if job["id"] == jobid:
                return job
        time.sleep(0.5)
    pytest.fail(f"job {jobid} did not finish: {jobs}")


def _job_log(server: Scrapyd, jobid: str) -> str:
    return (server.home / "logs" / "newscrawl" / SPIDER / f"{jobid}.log").read_text()


def test_wrong_credentials_get_401(scrapyd: Scrapyd) -> None:
    for auth in [None, (scrapyd.username, "wrong"), ("intruder", scrapyd.password)]:
        response = requests.get(f"{scrapyd.url}/daemonstatus.json", auth=auth, timeout=10)
        assert response.status_code == 401
    assert scrapyd.get("daemonstatus.json")["status"] == "ok"


def test_egg_holds_what_spiders_need(deployed: Scrapyd) -> None:
    eggs = list((deployed.home / "eggs" / "newscrawl").glob("*.egg"))
    assert len(eggs) == 1
    names = set(zipfile.ZipFile(eggs[0]).namelist())
    runtime = {
        str(path.relative_to(ROOT)) for path in (ROOT / "newscrawl").rglob("*.py")
        if "fixtures" not in path.parts and "__pycache__" not in path.parts
    }
    assert runtime - names == set()
    assert not any(name.startswith("fixtures/") for name in names)
    assert "settings = newscrawl.settings" in zipfile.ZipFile(eggs[0]).read(
        "EGG-INFO/entry_points.txt").decode()
    spiders = deployed.get("listspiders.json", project="newscrawl")["spiders"]
    assert SPIDER in spiders


def test_scheduler_once_crawls_the_newsroom(deployed: Scrapyd, newsroom: str,
                                            tmp_path: Path) -> None:
    db = tmp_path / "store" / "articles.sqlite3"
    schedule = tmp_path / "schedule.toml"
    schedule.write_text(
        'project = "newscrawl"\ntimezone = "Europe/Berlin"\n\n'
        "[[jobs]]\n"
        f'spider = "{SPIDER}"\ncron = "* * * * *"\n'
        f'args = {{ base_url = "{newsroom}" }}\n'
        f'settings = {{ NEWSCRAWL_DB = "{db}", '
        'NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS = "127.0.0.0/8", AUTOTHROTTLE_ENABLED = false, '
        # Slow enough that the second --once below still finds the job running.
        "DOWNLOAD_DELAY = 0.25 }\n"
    )
    first = _scheduler(deployed, schedule, "--once")
    assert first.returncode == 0, first.stderr
    scheduled = [line for line in first.stderr.splitlines() if ": scheduled (" in line]
    assert len(scheduled) == 1, first.stderr
    jobid = scheduled[0].rsplit("job ", 1)[1].rstrip(")")

    # While the job is pending or running, another --once schedules nothing.
    second = _scheduler(deployed, schedule, "--once", "--all")
    assert second.returncode == 0, second.stderr
    assert ": skipped (spider augsburger_allgemeine busy: " + jobid in second.stderr
    jobs = deployed.get("listjobs.json", project="newscrawl")
    assert [j["id"] for j in jobs["pending"] + jobs["running"]] == [jobid]

    job = _wait_finished(deployed, jobid)
    log = _job_log(deployed, jobid)
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    assert job["spider"] == SPIDER
    with sqlite3.connect(db) as conn:
        urls = [row[0] for row in conn.execute("SELECT canonical_url FROM articles")]
    assert len(urls) >= 25
    assert newsroom + SEED in urls


def test_relative_store_is_refused_under_scrapyd(deployed: Scrapyd) -> None:
    response = requests.post(f"{deployed.url}/schedule.json", auth=deployed.auth, timeout=10,
                             data={"project": "newscrawl", "spider": SPIDER,
                                   "setting": "NEWSCRAWL_DB=data/relative.sqlite3",
                                   "base_url": "http://127.0.0.1:9"})
    jobid = response.json()["jobid"]
    _wait_finished(deployed, jobid)
    log = _job_log(deployed, jobid)
    assert "is a relative path, but this crawl was started by scrapyd" in log
    assert not (deployed.home / "data").exists()


def test_scrapyd_inside_the_project_tree_is_refused(tmp_path: Path) -> None:
    """A crawl that scrapyd's runner starts in the project tree stops instead of silently
    running the working copy."""
    # What the runner sees when scrapyd's working directory is the project: no egg in its
    # (relative) eggs_dir, the settings module that activating an egg would have set.
    env = {**os.environ, "SCRAPY_PROJECT": "newscrawl",
           "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "scrapyd.runner", "crawl", SPIDER,
         "-a", "base_url=http://127.0.0.1:9", "-s", f"NEWSCRAWL_DB={tmp_path / 'x.sqlite3'}"],
        cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert "scrapyd runs inside a Scrapy project" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_scheduler_survives_scrapyd_down_and_bad_credentials(deployed: Scrapyd,
                                                             tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.toml"
    schedule.write_text(f'[[jobs]]\nspider = "{SPIDER}"\ncron = "0 4 * * *"\n')
    down = {**deployed.env(), "SCRAPYD_URL": f"http://127.0.0.1:{_free_port()}"}
    result = _scheduler(deployed, schedule, "--once", "--all", "--retries", "3",
                        "--backoff", "0.2", env=down)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("retry ") == 2
    assert "gave up after 3 attempts" in result.stderr

    wrong = {**deployed.env(), "SCRAPYD_PASSWORD": "wrong"}
    result = _scheduler(deployed, schedule, "--once", "--all", env=wrong)
    assert result.returncode == 1
    assert "credentials rejected (401)" in result.stderr
    assert "retry " not in result.stderr

    # Not due (04:00 only) and no --all: nothing is scheduled, nothing fails.
    result = _scheduler(deployed, schedule, "--once", "--window", "1")
    assert result.returncode == 0
    assert "nothing due" in result.stderr
