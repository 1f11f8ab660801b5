"""Key rules: what the API accepts as a file key, and what belongs to whom."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api import storage

from samples import JPEG, PNG

IDENTITY = "ap-northeast-2:0f1e2d3c-aaaa-bbbb-cccc-000000000001"


@pytest.mark.parametrize(
    "key",
    [
        f"public/{IDENTITY}/profile/img_1.png",
        f"protected/{IDENTITY}/photos/a.jpg",
        f"private/{IDENTITY}/docs/tax-2026.pdf",
        # Names people give files, as S3 and Amplify take them:
        f"private/{IDENTITY}/내 사진 (1).png",
        f"private/{IDENTITY}/My photo.jpg",
        f"private/{IDENTITY}/.hidden",
        f"private/{IDENTITY}/_draft.png",
        f"private/{IDENTITY}/a\\b %2e%2e #1?.png",
        f"private/{IDENTITY}/photos//a.png",
        f"private/{IDENTITY}/" + "가" * 300,  # 900 bytes: long, in S3's 1,024
    ],
)
def test_well_formed_keys(key):
    assert storage.validate_key(key) == key
    assert storage.owner_of(key) == IDENTITY


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "1 to 1024 bytes"),
        ("/public/a.png", "must not start with /"),
        (f"public/{IDENTITY}/../x", "'..'"),
        (f"public/{IDENTITY}/./a.png", "'..'"),
        (f"public/{IDENTITY}/a.png/", "<identity id>/<name>"),
        ("uploads/a.png", "starts with one of"),
        ("public", "public/<identity id>/<name>"),
        ("public/profile/img_1.png", "public/<identity id>/<name>"),  # no owner in the key
        (f"private/{IDENTITY}", "private/<identity id>/<name>"),
        ("private/ap-northeast-2:not-a-uuid/a.png", "private/<identity id>/<name>"),
        (f"public/{IDENTITY}/a\nb.png", "control characters"),
        (f"public/{IDENTITY}/a\x7fb.png", "control characters"),
        (f"public/{IDENTITY}/a\ud800.png", "UTF-8"),
        (f"public/{IDENTITY}/" + "가" * 330, "1 to 1024 bytes"),  # 1,049 bytes in 389 characters
    ],
)
def test_bad_keys_are_refused_with_a_reason(key, reason):
    with pytest.raises(storage.InvalidKey) as refused:
        storage.validate_key(key)
    assert reason in str(refused.value)


@given(st.text(max_size=80))
def test_no_accepted_key_escapes_its_owners_prefix(text):
    """Whatever the input, an accepted key names its owner and has no traversal, no absolute
    path, no control character."""
    for key in (text, f"public/{text}", f"private/{IDENTITY}/{text}"):
        try:
            storage.validate_key(key)
        except storage.InvalidKey:
            continue
        segments = key.split("/")
        assert segments[0] in storage.LEVELS
        assert storage.IDENTITY_ID.match(segments[1]) and storage.owner_of(key) == segments[1]
        assert ".." not in segments and "." not in segments and segments[-1]
        assert not key.startswith("/") and not storage.CONTROL.search(key)


@given(st.sampled_from(storage.LEVELS), st.uuids(), st.uuids())
def test_a_key_belongs_to_the_identity_it_names(level, mine, theirs):
    me, them = f"ap-northeast-2:{mine}", f"ap-northeast-2:{theirs}"
    assert storage.owner_of(storage.validate_key(f"{level}/{me}/a.png")) == me
    assert storage.owner_of(storage.validate_key(f"{level}/{them}/a.png")) != me
    assert f"{level}/{me}/" in storage.owner_prefixes(me)


def test_new_keys_are_unguessable_and_well_formed():
    first = storage.new_key("protected", IDENTITY, "avatars", "image/png")
    second = storage.new_key("protected", IDENTITY, "avatars", "image/png")
    assert first != second
    assert first.startswith(f"protected/{IDENTITY}/avatars/") and first.endswith(".png")
    assert storage.new_key("public", IDENTITY, "banners", "image/webp").startswith(
        f"public/{IDENTITY}/banners/"
    )
    with pytest.raises(storage.InvalidKey, match="folder"):
        storage.new_key("public", IDENTITY, "../etc", "image/png")


def test_public_urls_join_the_base_url_at_read_time(aws):
    key = f"public/{IDENTITY}/profile/img_1.png"
    assert storage.file_url(key) == f"https://cdn.example.com/{key}"
    named = storage.file_url(f"public/{IDENTITY}/사진 (1)#?.png")
    assert (
        named == f"https://cdn.example.com/public/{IDENTITY}/%EC%82%AC%EC%A7%84%20%281%29%23%3F.png"
    )
    private = storage.file_url(f"private/{IDENTITY}/a.pdf")
    assert "X-Amz-Signature=" in private or "Signature=" in private


@pytest.mark.parametrize(
    ("found", "reason"),
    [
        ({"ContentType": "text/html", "ContentLength": 10}, "'text/html' is not accepted"),
        ({"ContentType": "image/svg+xml", "ContentLength": 10}, "is not accepted"),
        ({"ContentType": "image/png", "ContentLength": 0}, "1 to 10485760 bytes"),
        ({"ContentType": "image/png", "ContentLength": 10 * 1024 * 1024 + 1}, "not 10485761"),
    ],
)
def test_uploads_that_break_the_rules_are_refused_with_a_reason(aws, found, reason):
    with pytest.raises(storage.UploadRefused, match=None) as refused:
        storage.check_upload(found, PNG)
    assert reason in str(refused.value)
    storage.check_upload({"ContentType": "image/png", "ContentLength": 10 * 1024 * 1024}, PNG)


GIF = b"GIF89a\x01\x00\x01\x00"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "
PDF = b"%PDF-1.7\n"


@pytest.mark.parametrize(
    ("content_type", "start", "accepted"),
    [
        ("image/png", PNG, True),
        ("image/jpeg", JPEG, True),
        ("image/gif", GIF, True),
        ("image/webp", WEBP, True),
        ("application/pdf", PDF, True),
        ("text/plain", "안녕, plain text\n".encode(), True),
        ("image/png", b"just some text", False),  # a text file named .png
        ("image/png", JPEG, False),
        ("image/jpeg", PNG, False),
        ("image/webp", b"RIFF\x24\x00\x00\x00WAVEfmt ", False),
        ("application/pdf", b"<html>", False),
        ("text/plain", b"\x89PNG\r\n\x1a\n\x00\x00", False),
        ("text/plain", b"caf\xe9", False),  # Latin-1, not UTF-8
    ],
)
def test_an_upload_must_hold_what_its_type_says(aws, content_type, start, accepted):
    found = {"ContentType": content_type, "ContentLength": len(start)}
    if accepted:
        storage.check_upload(found, start)
    else:
        with pytest.raises(storage.UploadRefused, match=f"not what {content_type} files hold"):
            storage.check_upload(found, start)


def test_text_cut_mid_character_by_a_partial_read_is_still_text(aws):
    start = ("가" * 30).encode()[:-1]  # the read ended inside a character
    storage.check_upload({"ContentType": "text/plain", "ContentLength": 10_000}, start)
    with pytest.raises(storage.UploadRefused):  # the whole file, cut: not UTF-8
        storage.check_upload({"ContentType": "text/plain", "ContentLength": len(start)}, start)
