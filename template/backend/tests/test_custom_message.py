"""The custom message trigger: every code and invitation Cognito sends, in the user's language,
with the placeholders Cognito fills in."""

import json
import re

import pytest

from api.settings import get_settings
from api.triggers.custom_message import MESSAGES, handler

from local.events import cognito_event

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CODE, USERNAME = "{####}", "{username}"


def message_event(trigger_source, lang=None, client_lang=None, **attributes):
    """As Cognito sends it: placeholders in the request, an empty response to fill."""
    if lang:
        attributes["custom:signup_meta"] = json.dumps({"signup_type": "email", "lang": lang})
    event = cognito_event(
        trigger_source,
        {"sub": "5f0c2a31-8d7e-4f5b-9c1a-2b3c4d5e6f70", "email": "ana@example.com", **attributes},
        codeParameter=CODE,
        linkParameter="{##Click Here##}",
        usernameParameter=USERNAME if trigger_source == "CustomMessage_AdminCreateUser" else None,
        clientMetadata={"lang": client_lang} if client_lang else {},
    )
    event["response"] = {"smsMessage": None, "emailMessage": None, "emailSubject": None}
    return event


@pytest.fixture(autouse=True)
def settings(monkeypatch):
    # A Latin name, so the language checks see the template's words, not the project's name.
    monkeypatch.setenv("APP_PROJECT_NAME", "Example App")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("trigger_source", sorted(MESSAGES))
def test_each_message_in_each_language_keeps_the_placeholders(trigger_source, lang):
    response = handler(message_event(trigger_source, lang), None)["response"]
    subject, html, sms = response["emailSubject"], response["emailMessage"], response["smsMessage"]
    assert CODE in html and CODE in sms
    if trigger_source == "CustomMessage_AdminCreateUser":  # Cognito refuses it without both
        assert USERNAME in html and USERNAME in sms
    assert f'<html lang="{lang}">' in html
    for text in (subject, html, sms):
        assert bool(HANGUL.search(text)) == (lang == "ko"), text
    # MessageTemplateType's limits
    assert 0 < len(subject) <= 140 and len(sms) <= 140 and len(html) <= 20_000
    assert "\n" not in subject


def test_the_clients_language_wins_over_the_sign_up_language():
    response = handler(message_event("CustomMessage_ForgotPassword", "en", "ko"), None)["response"]
    assert HANGUL.search(response["emailSubject"])


@pytest.mark.parametrize(
    ("lang", "korean"), [("ko-KR", True), ("fr", False), ("../ko", False), ("", False)]
)
def test_a_region_tag_finds_its_language_and_others_fall_back_to_english(lang, korean):
    event = message_event("CustomMessage_SignUp", client_lang=lang)
    assert bool(HANGUL.search(handler(event, None)["response"]["smsMessage"])) == korean


def test_an_invitation_without_sign_up_metadata_follows_the_locale_attribute():
    """An operator inviting someone (an administrator: the admin pool has this trigger too) sets
    their `locale`; the sign-up metadata, where there is one, comes first."""
    invitation = message_event("CustomMessage_AdminCreateUser", locale="ko")
    assert HANGUL.search(handler(invitation, None)["response"]["emailSubject"])
    signed_up_in_english = message_event("CustomMessage_ForgotPassword", "en", locale="ko")
    assert not HANGUL.search(handler(signed_up_in_english, None)["response"]["emailSubject"])


def test_no_metadata_means_english():
    response = handler(message_event("CustomMessage_ResendCode"), None)["response"]
    assert not HANGUL.search(response["emailMessage"])


def test_a_source_it_does_not_know_keeps_cognitos_message():
    event = message_event("CustomMessage_SomethingNew", "ko")
    assert handler(event, None)["response"]["emailMessage"] is None


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_longest_project_name_still_fits_an_sms(monkeypatch, lang):
    monkeypatch.setenv("APP_PROJECT_NAME", "N" * 60)  # copier.yml allows 60 characters
    for trigger_source in MESSAGES:
        response = handler(message_event(trigger_source, lang), None)["response"]
        assert len(response["smsMessage"]) <= 140 and len(response["emailSubject"]) <= 140


def test_the_project_name_is_escaped_in_html_only(monkeypatch):
    monkeypatch.setenv("APP_PROJECT_NAME", "Tom & <Jerry>")
    response = handler(message_event("CustomMessage_SignUp", "en"), None)["response"]
    assert "Tom &amp; &lt;Jerry&gt;" in response["emailMessage"]
    assert "<Jerry>" not in response["emailMessage"]
    assert response["emailSubject"] == "Your Tom & <Jerry> verification code"
