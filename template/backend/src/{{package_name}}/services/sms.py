"""SMS through SNS (transactional). Used by flows that must reach a phone, not for marketing."""

from ..aws import client


def send_sms(phone_number: str, message: str) -> str:
    """Send one text to an E.164 number; returns SNS's message id."""
    sent = client("sns").publish(
        PhoneNumber=phone_number,
        Message=message,
        MessageAttributes={
            "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}
        },
    )
    return sent["MessageId"]
