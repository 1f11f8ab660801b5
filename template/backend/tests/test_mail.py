"""Our own mail (messages.send_email) against SES on moto."""

import boto3
import pytest
from botocore.exceptions import ClientError

from api.messages import Message, send_email, welcome_email

from samples import sent_mails


def test_send_email_sends_a_text_and_an_html_part(aws):
    assert send_email("ana@example.com", welcome_email("ana@example.com", "en"))
    assert boto3.client("ses").get_send_quota()["SentLast24Hours"] == 1
    [mail] = sent_mails()
    assert (mail["To"], mail["From"]) == ("ana@example.com", aws.email_sender)
    assert mail["Subject"] == f"Welcome to {aws.project_name}"
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert text.startswith("Hello ana@example.com,") and "<" not in text
    assert '<html lang="en">' in html and "<p>Hello ana@example.com,</p>" in html


def test_unverified_sender_is_refused(aws, monkeypatch):
    from api.settings import get_settings

    monkeypatch.setenv("APP_EMAIL_SENDER", "someone@unverified.example")
    get_settings.cache_clear()
    with pytest.raises(ClientError, match="MessageRejected"):
        send_email("ana@example.com", Message(subject="Hi", text="text", html="<p>text</p>"))
