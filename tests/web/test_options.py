from casemgr.web.options import options


def test_options_escape_labels_and_mark_the_selected_values():
    html = str(options([(1, "公安局"), (2, "<b>&</b>"), (3, "三")], 2))
    assert html == ('<option value="1">公安局</option>'
                    '<option value="2" selected>&lt;b&gt;&amp;&lt;/b&gt;</option>'
                    '<option value="3">三</option>')
    assert str(options([(1, "a"), (2, "b")], {1, 2})).count(" selected") == 2  # a multiple select
    assert " selected" not in str(options([(1, "a")], None))
