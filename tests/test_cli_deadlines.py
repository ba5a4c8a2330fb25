"""``casemgr deadline``: dates a reader can check against the State Council notices."""

import pytest

from casemgr.cli import main


def run(app, *args):
    return app.test_cli_runner().invoke(main, ["deadline", *args])


@pytest.mark.parametrize(("args", "first_line"), [
    # Received Mon 2024-09-30; Oct 1-7 National Day off; Sat Oct 12 a make-up working day.
    (["acceptance_review", "2024-09-30"], "2024-10-12"),
    # Accepted Mon 2025-01-20; Sun Jan 26 is a make-up working day, Jan 28 - Feb 4 Spring Festival:
    # 21, 22, 23, 24, 26, 27, then Feb 5.
    (["copy_to_respondent", "2025-01-20"], "2025-02-05"),
    (["copy_to_respondent", "2025-01-20", "--procedure", "simplified"], "2025-01-23"),
    # 60 days from 2025-12-10 end on Sunday 2026-02-08: moved to Monday.
    (["decision", "2025-12-10"], "2026-02-09"),
    (["decision", "2025-12-10", "--extended"], "2026-03-10"),
    # Ten paused days push Feb 8 to Feb 18, inside the 2026 Spring Festival (Feb 15-23).
    (["decision", "2025-12-10", "--pause", "2025-12-20:2025-12-29"], "2026-02-24"),
    (["sue_direct", "2025-08-31"], "2026-02-28"),
    (["copy_to_respondent", "2026-12-28"], "2027-01-06 PROVISIONAL"),
])
def test_compute_prints_the_due_date_first(app, database, args, first_line):
    result = run(app, "compute", *args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == first_line


def test_compute_explains_the_skipped_holidays_by_name(app, database):
    result = run(app, "compute", "acceptance_review", "2024-09-30")
    assert "国庆节" in result.output and "2024年10月12日" in result.output
    english = run(app, "compute", "acceptance_review", "2024-09-30", "--lang", "en")
    assert "National Day" not in english.output and "国庆节" in english.output  # names are as stored


@pytest.mark.parametrize("args", [
    ["no_such_rule", "2024-01-10"],
    ["decision", "2024-02-30"],
    ["decision", "2024-01-10", "--pause", "2025-01-01:2025-01-05"],
    ["decision", "2024-01-10", "--pause", "2024-01-20"],
    ["decision", "2024-01-10", "--pause", "2024-01-20:2024-01-15"],
    ["decision", "2024-01-10", "--procedure", "simplified", "--extended"],
])
def test_bad_input_is_one_line_and_exit_status_2(app, database, args):
    result = run(app, "compute", *args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("error:")


def test_rules_lists_every_code(app):
    output = run(app, "rules").output
    for code in ("acceptance_review", "supplement_notice", "supplement_reply", "copy_to_respondent",
                 "respondent_reply", "hearing_notice", "decision", "application_period",
                 "litigation_defence", "appeal_judgment", "appeal_ruling", "sue_after_reconsideration",
                 "sue_direct"):
        assert code in output
