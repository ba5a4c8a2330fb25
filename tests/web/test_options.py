from casemgr.web.options import options


def test_options_escape_labels_and_mark_the_selected_values():
    html = str(options([(1, "公安局"), (2, "<b>&</b>"), (3, "三")], 2))
    assert html == ('<option value="1">公安局</option>'
                    '<option value="2" selected>&lt;b&gt;&amp;&lt;/b&gt;</option>'
                    '<option value="3">三</option>')
    assert str(options([(1, "a"), (2, "b")], {1, 2})).count(" selected") == 2  # a multiple select
    assert " selected" not in str(options([(1, "a")], None))


def test_a_tuple_is_rendered_once_and_only_the_choice_changes(app, monkeypatch, caches_kept):
    from casemgr.web import options as module

    renders = []
    plain = module._plain
    monkeypatch.setattr(module, "_plain", lambda choices: renders.append(choices) or plain(choices))
    officers = ((7, "李四"), (8, "王五"))
    with app.app_context():
        first = str(options(officers, 7))
        assert first == '<option value="7" selected>李四</option><option value="8">王五</option>'
        second = str(options(officers, 8))
        assert second == '<option value="7">李四</option><option value="8" selected>王五</option>'
        assert str(options(officers, None)).count("selected") == 0
        assert str(options(officers, 9)).count("selected") == 0  # not in the list
        assert str(options(officers, {7, 8})).count(" selected") == 2
        assert renders == [officers]  # kept: rendered once for all five
        # a list may change between two requests: never kept
        listed = [(1, "a")]
        options(listed)
        listed.append((2, "b"))
        assert str(options(listed, 2)) == '<option value="1">a</option><option value="2" selected>b</option>'
        assert len(renders) == 3
