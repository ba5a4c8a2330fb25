import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from casemgr.cli import main
from casemgr.models import User

ROOT = Path(__file__).resolve().parent.parent


def test_casemgr_help_lists_its_groups():
    casemgr = Path(sys.executable).parent / "casemgr"
    result = subprocess.run([str(casemgr), "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    for group in ("user", "demo", "db", "deadline", "calendar", "redact"):
        assert f"  {group} " in result.stdout


def test_user_create_from_the_command_line(app, database):
    runner = app.test_cli_runner()
    result = runner.invoke(main, ["user", "create", "chen", "--role", "supervisor", "--name", "陈负责",
                                  "--password", "cli-pass-2026"])
    assert result.exit_code == 0, result.output
    user = database.scalar(select(User).where(User.username == "chen"))
    assert (user.role, user.display_name) == ("supervisor", "陈负责")


def test_user_create_asks_for_the_password_and_reports_policy_errors(app, database):
    runner = app.test_cli_runner()
    result = runner.invoke(main, ["user", "create", "chen", "--role", "officer"], input="short\nshort\n")
    assert result.exit_code != 0
    assert "10" in result.output
    assert database.scalar(select(User).where(User.username == "chen")) is None
