"""What the user pools are made of, as plain data: the infra builds the pools from it (auth.py),
the local stack imitates them with it, and the clients' config names the same rules."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PasswordRules:
    """Cognito's password policy; the clients' config and the local pool use the same."""

    min_length: int = 12
    require_lowercase: bool = True
    require_uppercase: bool = True
    require_digits: bool = True
    require_symbols: bool = True
    temporary_password_days: int = 3

    @property
    def described(self) -> str:
        """The rules in words, for messages: "12+ characters, with a lowercase letter, …"."""
        kinds = [
            kind
            for kind, required in (
                ("a lowercase letter", self.require_lowercase),
                ("an uppercase letter", self.require_uppercase),
                ("a digit", self.require_digits),
                ("a symbol", self.require_symbols),
            )
            if required
        ]
        listed = ", ".join(kinds[:-1]) + f" and {kinds[-1]}" if len(kinds) > 1 else "".join(kinds)
        return f"{self.min_length}+ characters" + (f", with {listed}" if kinds else "")


PASSWORD_RULES = PasswordRules()

# Where a forgotten password's reset code goes, by `login_id`: Cognito's recovery mechanisms in
# priority order (AccountRecoverySetting). E-mail where users have one, else SMS: an
# email_or_phone user may have signed up with a phone only. Administrators: e-mail only. Cognito
# also sends sign-up codes by the first (moto, the local pool, does the same).
ACCOUNT_RECOVERY = {
    "email": ("verified_email",),
    "phone": ("verified_phone_number", "verified_email"),
    "email_or_phone": ("verified_email", "verified_phone_number"),
}
ADMIN_ACCOUNT_RECOVERY = ("verified_email",)
# The admin pool's triggers (of the user pool's functions): invitations in the invitee's language.
ADMIN_POOL_TRIGGERS = ("CustomMessage",)

# Roles inside the admin pool (backend routes/admin.py accepts the same).
ADMIN_GROUPS = ("admin", "root")

# Each Cognito trigger's handler in the backend package (ProjectConfig.cognito_triggers says
# which the project has); the infra deploys them, the local stack invokes them as Cognito does.
TRIGGER_HANDLERS = {
    "PreSignUp": "triggers.pre_sign_up.handler",
    "PostConfirmation": "triggers.post_confirmation.handler",
    "CustomMessage": "triggers.custom_message.handler",
}

# Sign-up metadata the client sends in `custom:<this>` (JSON: signup_type, lang); the
# post-confirmation trigger copies it into the user record.
SIGNUP_META_ATTRIBUTE = "signup_meta"

# What the web client asks the hosted UI for, with social sign-in.
OAUTH_SCOPES = ("openid", "email", "profile")
# Cognito's name of each `social_providers` answer: the app client lists it, the hosted UI's
# `identity_provider` parameter takes it, and a federated user's name is `<name>_<their id>`.
PROVIDER_NAMES = {"google": "Google", "apple": "SignInWithApple", "kakao": "Kakao"}
