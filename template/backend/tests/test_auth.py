import pytest

from api.auth import claims_from_event, parse_groups


@pytest.mark.parametrize(
    ("raw", "groups"),
    [
        (None, ()),
        ("", ()),
        ("admin", ("admin",)),
        ("admin,root", ("admin", "root")),
        ("[admin root]", ("admin", "root")),
        (["admin", "root"], ("admin", "root")),
    ],
)
def test_groups_in_every_shape_the_gateway_sends(raw, groups):
    assert parse_groups(raw) == groups


def test_claims_without_sub_are_not_a_user():
    assert claims_from_event({"requestContext": {"authorizer": {"claims": {"email": "x"}}}}) is None
    assert claims_from_event({}) is None
    assert claims_from_event(None) is None
