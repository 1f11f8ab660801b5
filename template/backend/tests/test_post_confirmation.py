"""Post-confirmation creates the profile exactly once, whatever Cognito retries."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest

from api import records
from api.settings import get_settings
from api.triggers.post_confirmation import handler

from local.events import cognito_event
from samples import sent_mails

SUB = "5f0c2a31-8d7e-4f5b-9c1a-2b3c4d5e6f70"


def confirm_event(**attributes):
    return cognito_event(
        "PostConfirmation_ConfirmSignUp",
        {
            "sub": SUB,
            "email": "ana@example.com",
            "email_verified": "true",
            "cognito:user_status": "CONFIRMED",
            "custom:signup_meta": json.dumps({"signup_type": "email", "lang": "ko"}),
            **attributes,
        },
    )


@pytest.fixture(autouse=True)
def proven_by_a_code(aws, monkeypatch):
    """Sign-ups confirmed with a code (auto_verify off), whatever the project answered."""
    monkeypatch.setenv("APP_AUTO_VERIFY", "false")
    get_settings.cache_clear()


def sent_mail_count():
    return int(boto3.client("ses").get_send_quota()["SentLast24Hours"])


def test_creates_the_profile_from_the_signup_metadata(aws):
    event = confirm_event()
    assert handler(event, None) is event
    user = records.get_user(SUB)
    assert user["email"] == "ana@example.com"
    assert user["lang"] == "ko"
    assert user["signup_type"] == "email"
    assert user["status"] == "active"
    assert user["created_at"] == user["updated_at"]
    assert sent_mail_count() == 1


@pytest.mark.parametrize(("lang", "greeting"), [("ko", "님, 안녕하세요."), ("en", "Hello ")])
def test_the_welcome_mail_is_in_the_users_language(aws, lang, greeting):
    meta = json.dumps({"signup_type": "email", "lang": lang})
    handler(confirm_event(**{"custom:signup_meta": meta}), None)
    [mail] = sent_mails()
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert greeting in text and greeting in html
    assert f'<html lang="{lang}">' in html
    korean = "에 오신 것을 환영합니다"
    assert (korean in mail["Subject"]) == (lang == "ko")


def test_a_repeat_never_overwrites_the_profile_nor_mails_again(aws):
    handler(confirm_event(), None)
    records.update_user(SUB, {"display_name": "Ana"})
    handler(confirm_event(**{"custom:signup_meta": json.dumps({"lang": "en"})}), None)
    user = records.get_user(SUB)
    assert (user["display_name"], user["lang"]) == ("Ana", "ko")
    assert sent_mail_count() == 1


def test_100_concurrent_invocations_make_exactly_one_record(aws):
    start = threading.Barrier(100)

    def invoke(lang):
        start.wait()  # all 100 put at once
        meta = json.dumps({"signup_type": "email", "lang": lang})
        return handler(confirm_event(**{"custom:signup_meta": meta}), None)

    with ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(invoke, [f"l{n:02d}" for n in range(100)]))
    assert len(results) == 100
    items = boto3.client("dynamodb").scan(TableName=aws.users_table)["Items"]
    assert [item["id"]["S"] for item in items] == [SUB]
    assert sent_mail_count() == 1
    first = records.get_user(SUB)

    handler(confirm_event(), None)  # a late duplicate changes nothing
    assert records.get_user(SUB) == first


def test_forgot_password_confirmation_is_not_a_sign_up(aws):
    handler(cognito_event("PostConfirmation_ConfirmForgotPassword", {"sub": SUB}), None)
    assert records.get_user(SUB) is None


@pytest.mark.parametrize(
    "meta", ["{not json", '["ko"]', json.dumps({"lang": "korean", "signup_type": "fax"})]
)
def test_malformed_metadata_falls_back_to_defaults(aws, meta):
    handler(confirm_event(**{"custom:signup_meta": meta}), None)
    user = records.get_user(SUB)
    assert (user["lang"], user["signup_type"]) == ("en", "email")


def test_no_welcome_mail_to_an_address_nobody_proved(aws, monkeypatch):
    """With auto_verify Cognito marks every e-mail verified without a code: the address may be
    someone else's, so it gets no mail; nor does an unverified one."""
    monkeypatch.setenv("APP_AUTO_VERIFY", "true")
    get_settings.cache_clear()
    handler(confirm_event(), None)
    assert records.get_user(SUB)["email"] == "ana@example.com"  # the profile is made all the same
    monkeypatch.setenv("APP_AUTO_VERIFY", "false")
    get_settings.cache_clear()
    handler(confirm_event(sub="6a1d3b42-0000-4000-8000-000000000001", email_verified="false"), None)
    assert sent_mail_count() == 0
    handler(confirm_event(sub="6a1d3b42-0000-4000-8000-000000000002"), None)
    assert sent_mail_count() == 1  # a code proved this one


def test_federated_sign_up_records_the_provider(aws):
    identities = json.dumps([{"providerName": "Google", "userId": "1234"}])
    handler(confirm_event(**{"custom:signup_meta": "", "identities": identities}), None)
    assert records.get_user(SUB)["signup_type"] == "google"


def test_a_kakao_user_without_an_email_gets_a_record_named_by_their_nickname(aws):
    """Kakao's e-mail is an optional consent item: the record keys on `sub` and names the
    provider; Kakao's nickname is the first display name; no mail goes anywhere."""
    kakao = [{"providerName": "Kakao", "providerType": "OIDC", "userId": "3141592653"}]
    event = confirm_event(
        **{"custom:signup_meta": "", "identities": json.dumps(kakao), "nickname": " 아나 "}
    )
    for attribute in ("email", "email_verified"):
        del event["request"]["userAttributes"][attribute]
    handler(event, None)
    user = records.get_user(SUB)
    assert (user["signup_type"], user.get("email"), user["display_name"]) == ("kakao", None, "아나")
    assert sent_mail_count() == 0


def test_phone_only_user_gets_no_mail(aws):
    event = confirm_event(phone_number="+821012345678")
    del event["request"]["userAttributes"]["email"]
    handler(event, None)
    assert records.get_user(SUB)["phone_number"] == "+821012345678"
    assert sent_mail_count() == 0
