"""The domain core stays pure: no Flask, no SQLAlchemy, no clock."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "casemgr" / "domain"
FORBIDDEN = ("flask", "sqlalchemy", "flask_sqlalchemy", "celery", "casemgr.extensions", "casemgr.models",
             "casemgr.clock", "chinese_calendar")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_domain_imports_nothing_from_the_outside():
    offenders = [(path.name, module) for path in DOMAIN.glob("*.py") for module in imported_modules(path)
                 if module.split(".")[0] in {f.split(".")[0] for f in FORBIDDEN if "." not in f}
                 or module in FORBIDDEN]
    assert offenders == []


def test_domain_does_not_read_the_clock():
    for path in DOMAIN.glob("*.py"):
        source = path.read_text()
        for call in ("date.today(", "datetime.now(", "datetime.utcnow(", "time.time("):
            assert call not in source, f"{path.name} calls {call}"
