"""make dev's banner: values line up in one column, whatever the labels."""

from local.__main__ import banner


def test_values_share_one_column_past_the_longest_label():
    rows = [("API", "http://127.0.0.1:8000/"), ("connections table", "my-app-local-connections")]
    _blank, _title, api, table, _end = banner("My App runs locally:", rows).split("\n")
    column = len("  connections table  ")
    assert (api.index("http://"), table.index("my-app-")) == (column, column)
