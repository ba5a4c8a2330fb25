import json

from click.testing import CliRunner

from casemgr.cli_redact import redact_command

TEXT = ("申请人王小明（公民身份号码11010519491231002X，电话13800138000）不服北京市通州区城市管理综合执法局"
        "作出的限期拆除决定，第三人王大伟。")


def test_prints_the_redacted_text():
    result = CliRunner().invoke(redact_command, ["--person", "王小明", "--person", "王大伟",
                                                 "--keep", "北京市通州区城市管理综合执法局"], input=TEXT)
    assert result.exit_code == 0
    out = result.output
    assert "王小明" not in out and "王大伟" not in out and "11010519491231002X" not in out
    assert "13800138000" not in out and "王某甲" in out and "王某乙" in out
    assert "北京市通州区城市管理综合执法局" in out


def test_json_lists_every_span_with_its_reason():
    result = CliRunner().invoke(redact_command, ["--person", "王小明", "--json"], input=TEXT)
    body = json.loads(result.output)
    reasons = {span["reason"] for span in body["spans"]}
    assert {"person_name", "id_number", "phone"} <= reasons
    for span in body["spans"]:
        assert TEXT[span["start"]:span["end"]] == span["original"]
