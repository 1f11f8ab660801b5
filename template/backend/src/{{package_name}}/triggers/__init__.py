"""Cognito Lambda triggers. Each module exposes `handler(event, context)` and returns the event."""
