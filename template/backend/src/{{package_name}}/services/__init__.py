"""Outbound messages: e-mail through SES behind small functions."""
