"""A small scrapyd API client: listjobs.json and schedule.json, with retries and backoff."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any

import requests

logger = logging.getLogger(__name__)

DEFAULT_URL = "http://127.0.0.1:6800"


class ScrapydError(RuntimeError):
    """Scrapyd answered with an error, or could not be reached."""


class ScrapydUnavailable(ScrapydError):
    """Scrapyd did not answer (connection refused, timeout, 5xx) after all attempts."""


class ScrapydAuthError(ScrapydError):
    """Scrapyd rejected the credentials (HTTP 401)."""


class ScrapydClient:
    """Talks to one scrapyd; credentials from the arguments or SCRAPYD_USERNAME/SCRAPYD_PASSWORD.

    Unreachable or failing (5xx) calls are retried ``attempts`` times, waiting ``backoff``
    seconds, doubling up to ``max_backoff``; then ScrapydUnavailable is raised. 401 is not retried.
    """

    def __init__(self, url: str = DEFAULT_URL, username: str | None = None,
                 password: str | None = None, *, attempts: int = 5, backoff: float = 2.0,
                 max_backoff: float = 60.0, timeout: float = 15.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url.rstrip("/")
        self.auth = (username, password or "") if username else None
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.timeout = timeout
        self.sleep = sleep
        self.session = requests.Session()

    @classmethod
    def from_env(cls, **kwargs: Any) -> ScrapydClient:
        return cls(os.environ.get("SCRAPYD_URL") or DEFAULT_URL,
                   os.environ.get("SCRAPYD_USERNAME") or None,
                   os.environ.get("SCRAPYD_PASSWORD") or None, **kwargs)

    def busy_jobs(self, project: str, spider: str) -> list[dict[str, Any]]:
        """The spider's pending and running jobs (each with a ``state`` key)."""
        data = self._call("GET", "listjobs.json", params={"project": project})
        return [
            {**job, "state": state}
            for state in ("pending", "running")
            for job in data.get(state, [])
            if job.get("spider") == spider
        ]

    def schedule(self, project: str, spider: str, args: dict[str, str],
                 settings: dict[str, str]) -> str:
        """Queue a crawl; return scrapyd's job id."""
        form: list[tuple[str, str]] = [("project", project), ("spider", spider)]
        form += [("setting", f"{key}={value}") for key, value in settings.items()]
        form += list(args.items())
        return str(self._call("POST", "schedule.json", data=form)["jobid"])

    def _call(self, method: str, endpoint: str, **kwargs: Any) -> dict[str, Any]:
        url = f"{self.url}/{endpoint}"
        delay = self.backoff
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.session.request(method, url, auth=self.auth,
                                                timeout=self.timeout, **kwargs)
            except requests.RequestException as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code == 401:
                    raise ScrapydAuthError(f"{url}: credentials rejected (401); check "
                                           "SCRAPYD_USERNAME / SCRAPYD_PASSWORD")
                if response.status_code < 500:
                    return self._payload(url, response)
                problem = f"HTTP {response.status_code}"
            if attempt == self.attempts:
                raise ScrapydUnavailable(f"{url}: {problem} (gave up after {attempt} attempts)")
            logger.warning("scrapyd %s: %s; retry %d/%d in %.0f s", url, problem, attempt,
                           self.attempts - 1, delay)
            self.sleep(delay)
            delay = min(delay * 2, self.max_backoff)
        raise AssertionError("unreachable")

    @staticmethod
    def _payload(url: str, response: requests.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError as exc:
            raise ScrapydError(f"{url}: HTTP {response.status_code}, not JSON") from exc
        if response.status_code >= 400 or data.get("status") != "ok":
            raise ScrapydError(f"{url}: {data.get('message') or response.status_code}")
        return data
