"""Named answer sets the render tests run end to end."""

OPTION_SETS = {
    "defaults": {},
    "all-options": {
        "project_name": "Everything On",
        "login_id": "email_or_phone",
        "auto_verify": True,
        "social_providers": ["google", "apple"],
        "auth_domain_prefix": "everything-on-login",
        "admin_pool": True,
        "realtime": True,
        "batch": True,
        "static_ip": True,
        "warmer_minutes": 5,
    },
    "phone-lean": {
        "project_name": "Phone Lean",
        "aws_region": "us-east-1",
        "login_id": "phone",
        "auto_verify": True,
        "admin_pool": False,
        "warmer_minutes": 0,
    },
    "google-shop": {
        "project_name": "Shop Front",
        "package_name": "shopfront",
        "aws_region": "eu-west-1",
        "social_providers": ["google"],
    },
}
