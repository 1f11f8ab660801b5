"""Lambda triggers: Cognito's (each returns the event it got) and S3's (uploads)."""
