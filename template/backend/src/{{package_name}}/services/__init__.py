"""Outbound messages (e-mail through SES, SMS through SNS) behind small functions."""
