"""Cognito holds identity only; sign-in follows `login_id`, profiles live in the database."""

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .data import removal_policy

SIGN_IN_ALIASES = {
    "email": cognito.SignInAliases(email=True),
    "phone": cognito.SignInAliases(phone=True),
    "email_or_phone": cognito.SignInAliases(email=True, phone=True),
}


class Auth(Construct):
    def __init__(
        self, scope: Construct, id: str, *, project: ProjectConfig, stage: StageConfig
    ) -> None:
        super().__init__(scope, id)
        uses_email = project.login_id in ("email", "email_or_phone")
        self.user_pool = cognito.UserPool(
            self,
            "UserPool",
            user_pool_name=stage.resource_name(project, "users"),
            self_sign_up_enabled=True,
            sign_in_aliases=SIGN_IN_ALIASES[project.login_id],
            sign_in_case_sensitive=False,
            auto_verify=cognito.AutoVerifiedAttrs(email=uses_email),
            keep_original=cognito.KeepOriginalAttrs(email=uses_email),
            standard_attributes=cognito.StandardAttributes(
                email=cognito.StandardAttribute(required=uses_email, mutable=True),
            ),
            password_policy=cognito.PasswordPolicy(
                min_length=12,
                require_lowercase=True,
                require_uppercase=True,
                require_digits=True,
                require_symbols=True,
                temp_password_validity=cdk.Duration.days(3),
            ),
            account_recovery=(
                cognito.AccountRecovery.EMAIL_ONLY
                if uses_email
                else cognito.AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL
            ),
            deletion_protection=stage.retain_data,
            removal_policy=removal_policy(stage),
        )
        self.user_pool_client = self.user_pool.add_client(
            "WebClient",
            user_pool_client_name=stage.resource_name(project, "web"),
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_srp=True, user_password=True),
            prevent_user_existence_errors=True,
            id_token_validity=cdk.Duration.hours(1),
            access_token_validity=cdk.Duration.hours(1),
            refresh_token_validity=cdk.Duration.days(30),
        )
