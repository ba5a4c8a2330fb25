"""Every user-facing message in the source has a Chinese translation."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_message_is_translated_to_chinese():
    result = subprocess.run([sys.executable, "scripts/catalog.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_catalogs_compile_at_start_up(app):
    mo = Path(app.config["INSTANCE_PATH"]) / "translations" / "zh" / "LC_MESSAGES" / "messages.mo"
    assert mo.exists()
