"""Start the real programs (gunicorn, Celery worker and beat) for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Program:
    def __init__(self, name: str, args: list[str], environ: Mapping[str, str], log_dir: Path) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        env = {**os.environ, **environ}
        # The variables of the developer's shell must not redirect the program under test.
        for key in ("CASEMGR_ENV", "SECRET_KEY", "CELERY_BROKER_URL"):
            if key not in environ:
                env.pop(key, None)
        if "REDIS_URL" not in environ:
            env.pop("REDIS_URL", None)
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def wait_until(condition: Callable[[], bool], timeout: float, what: str, programs=()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        for program in programs:
            if program.process.poll() is not None:
                raise RuntimeError(f"{program.name} exited early:\n{program.output()[-3000:]}")
        time.sleep(0.2)
    logs = "\n".join(f"--- {p.name}\n{p.output()[-3000:]}" for p in programs)
    raise TimeoutError(f"gave up waiting for {what} after {timeout} s\n{logs}")


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def start_web(environ: Mapping[str, str], log_dir: Path) -> tuple[Program, str]:
    port = free_port()
    web = Program("web", [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
                          "--threads", "4", "wsgi:app"], environ, log_dir)
    wait_until(lambda: port_open(port), 60, "the web server", [web])
    return web, f"http://127.0.0.1:{port}"


def start_worker(environ: Mapping[str, str], log_dir: Path) -> Program:
    return Program("worker", [str(BIN / "celery"), "-A", "workers.celery_app", "worker", "--loglevel=INFO",
                              "--concurrency=2", "--hostname=test-worker@%h"], environ, log_dir)


def start_beat(environ: Mapping[str, str], log_dir: Path) -> Program:
    return Program("beat", [str(BIN / "celery"), "-A", "workers.celery_app", "beat", "--loglevel=INFO",
                            "--schedule", str(log_dir / "beat-schedule")], environ, log_dir)
