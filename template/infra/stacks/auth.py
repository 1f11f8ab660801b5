"""Cognito holds identity only; sign-in follows `login_id`, profiles live in the database.

The user pool (self sign-up, MFA per `mfa`, mail through SES), its triggers, optional
Google/Apple/Kakao federation through the hosted UI, and optionally a separate administrators' pool
with no self sign-up.
"""

import re
from html import escape

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .data import grant_table
from .functions import backend_function
from .nag import acknowledge
from .user_pools import (
    ACCOUNT_RECOVERY,
    ADMIN_ACCOUNT_RECOVERY,
    ADMIN_GROUPS,
    ADMIN_POOL_TRIGGERS,
    OAUTH_SCOPES,
    PASSWORD_RULES,
    PROVIDER_NAMES,
    SIGNUP_META_ATTRIBUTE,
    TRIGGER_HANDLERS,
)

PASSWORD_POLICY = cognito.PasswordPolicy(
    min_length=PASSWORD_RULES.min_length,
    require_lowercase=PASSWORD_RULES.require_lowercase,
    require_uppercase=PASSWORD_RULES.require_uppercase,
    require_digits=PASSWORD_RULES.require_digits,
    require_symbols=PASSWORD_RULES.require_symbols,
    temp_password_validity=cdk.Duration.days(PASSWORD_RULES.temporary_password_days),
)

# Where a forgotten password's reset code goes: e-mail where users have one, else SMS
# (an email_or_phone user may have signed up with a phone only).
# user_pools.ACCOUNT_RECOVERY's mechanisms as the CDK names each order.
EMAIL, PHONE = "verified_email", "verified_phone_number"
RECOVERY = {
    (EMAIL,): cognito.AccountRecovery.EMAIL_ONLY,
    (PHONE, EMAIL): cognito.AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL,
    (EMAIL, PHONE): cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
}

# Kakao Login's OpenID Connect issuer: Cognito reads its endpoints from the discovery document
# there (https://developers.kakao.com/docs/latest/en/kakaologin/common#oidc).
KAKAO_ISSUER = "https://kauth.kakao.com"

PLUS_PLAN_FINDING = (
    "AwsSolutions-COG8",
    "The Plus feature plan (threat protection) is billed per monthly active user; the "
    "Essentials plan with a strong password policy is the default. Set feature_plan=PLUS "
    "when the product's risk justifies the cost.",
)
SMS_ROLE_FINDING = (
    "AwsSolutions-IAM5[Resource::*]",
    "The pool's SMS role (phone sign-up, password-reset and MFA codes) publishes to phone "
    "numbers with sns:Publish; a phone number has no ARN to scope the permission to.",
)
SMS_ROLE_CHECKOV = ("CKV_AWS_111", SMS_ROLE_FINDING[1])
# AwsSolutions-COG2 (MFA not required), by the `mfa` answer; none when MFA is required.
MFA_FINDINGS = {
    "off": (
        "AwsSolutions-COG2",
        "MFA is off (the `mfa` answer): users sign in with a password or a social provider. "
        "Answer optional or required to offer or demand a second factor.",
    ),
    "optional": (
        "AwsSolutions-COG2",
        "MFA is optional (the `mfa` answer): each user may turn on a second factor; requiring "
        "one of every customer adds sign-up friction. Answer required to demand it.",
    ),
}
MFA = {"off": cognito.Mfa.OFF, "optional": cognito.Mfa.OPTIONAL, "required": cognito.Mfa.REQUIRED}


def user_pool_findings(project: ProjectConfig) -> list[tuple[str, str]]:
    findings = [PLUS_PLAN_FINDING]
    if project.mfa in MFA_FINDINGS:
        findings.append(MFA_FINDINGS[project.mfa])
    if project.cognito_sms:
        findings += [SMS_ROLE_FINDING, SMS_ROLE_CHECKOV]
    return findings


ADMIN_POOL_FINDINGS = (PLUS_PLAN_FINDING,)


class Auth(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        users_table: dynamodb.ITableV2,
        custom_domain: cognito.CustomDomainOptions | None = None,
    ) -> None:
        super().__init__(scope, id)
        self.project = project
        triggers = self._triggers(project, stage, users_table)
        self.user_pool = cognito.UserPool(
            self,
            "UserPool",
            user_pool_name=stage.resource_name(project, "users"),
            self_sign_up_enabled=True,
            sign_in_aliases=cognito.SignInAliases(
                email="email" in project.username_attributes,
                phone="phone_number" in project.username_attributes,
            ),
            sign_in_case_sensitive=False,
            # Cognito e-mails codes; phones get an SMS code (ProjectConfig.phone_sign_up_codes)
            # unless the pre-sign-up trigger verifies them (auto_verify).
            auto_verify=cognito.AutoVerifiedAttrs(
                email="email" in project.verified_by_code,
                phone="phone_number" in project.verified_by_code,
            ),
            keep_original=cognito.KeepOriginalAttrs(
                email="email" in project.verified_by_code,
                phone="phone_number" in project.verified_by_code,
            ),
            enable_sms_role=project.cognito_sms,
            standard_attributes=cognito.StandardAttributes(
                email=cognito.StandardAttribute(
                    required="email" in project.required_attributes, mutable=True
                ),
                phone_number=cognito.StandardAttribute(
                    required="phone_number" in project.required_attributes, mutable=True
                ),
            ),
            custom_attributes={
                SIGNUP_META_ATTRIBUTE: cognito.StringAttribute(max_len=2048, mutable=True)
            },
            user_verification=cognito.UserVerificationConfig(
                email_subject=f"Your {project.name} verification code",
                email_body=(
                    f"Welcome to {escape(project.name)}!<br><br>Your verification code is "
                    "<b>{####}</b>. It expires in 24 hours.<br><br>If you did not sign up, "
                    "ignore this e-mail."
                ),
                email_style=cognito.VerificationEmailStyle.CODE,
                sms_message=f"Your {project.name} code is {{####}}",
            ),
            # Users an operator creates (support, migrations) get this instead of a sign-up code.
            user_invitation=cognito.UserInvitationConfig(
                email_subject=f"Your {project.name} account",
                email_body=(
                    f"An account of {escape(project.name)} was created for you.<br><br>"
                    "User name: {username}<br>Temporary password: {####}<br><br>Sign in within "
                    f"{PASSWORD_RULES.temporary_password_days} days to choose your own password."
                ),
                # Cognito's placeholders joined as plain text, not through f-string escapes.
                sms_message=f"{project.name}: " + "user name {username}, temporary password {####}",
            ),
            password_policy=PASSWORD_POLICY,
            account_recovery=RECOVERY[ACCOUNT_RECOVERY[project.login_id]],
            mfa=MFA[project.mfa],
            mfa_second_factor=cognito.MfaSecondFactor(
                otp="TOTP" in project.mfa_methods, sms="SMS" in project.mfa_methods
            )
            if project.mfa_methods
            else None,
            # Cognito's own sender allows a few dozen mails a day; SES, production volume.
            email=cognito.UserPoolEmail.with_ses(
                from_email=stage.email_sender,
                ses_verified_domain=stage.email_sender.rpartition("@")[2],
            ),
            feature_plan=cognito.FeaturePlan.ESSENTIALS,
            lambda_triggers=cognito.UserPoolTriggers(**triggers),
            deletion_protection=stage.retain_data,
            removal_policy=stage.removal_policy,
        )
        acknowledge(self.user_pool, user_pool_findings(project))
        if project.social_providers:
            self._allow_linking(triggers["pre_sign_up"])

        self.identity_providers = self._social_providers(project, stage)
        # The hosted UI at the stage's own name (domains.py), else at a prefix of Cognito's.
        self.domain = (
            self.user_pool.add_domain(
                "HostedUi",
                custom_domain=custom_domain,
                cognito_domain=None
                if custom_domain
                else cognito.CognitoDomainOptions(domain_prefix=stage.auth_domain_prefix(project)),
            )
            if self.identity_providers
            else None
        )
        self.user_pool_client = web_client(
            self.user_pool,
            "WebClient",
            stage.resource_name(project, "web"),
            self._oauth(stage),
            tuple(self.identity_providers),
        )
        for provider in self.identity_providers.values():
            self.user_pool_client.node.add_dependency(provider)

        admin_triggers = {
            argument: function
            for argument, function in triggers.items()
            if argument in map(trigger_argument, ADMIN_POOL_TRIGGERS)
        }
        self.admin_pool = (
            self._admin_pool(project, stage, admin_triggers) if project.admin_pool else None
        )
        self._admin_groups(project, self.admin_pool or self.user_pool)
        self.admin_pool_client = (
            web_client(self.admin_pool, "AdminWebClient", stage.resource_name(project, "admin"))
            if self.admin_pool
            else None
        )

    def redirect_to(self, stage: StageConfig) -> None:
        """Where the hosted UI may send users back, from a stage settled after this construct
        (with web_app, once the app's CloudFront origin exists)."""
        if self.domain is None:
            return
        client: cognito.CfnUserPoolClient = self.user_pool_client.node.default_child
        client.add_property_override("CallbackURLs", self._callback_urls(stage))
        client.add_property_override("LogoutURLs", self._logout_urls(stage))

    def _callback_urls(self, stage: StageConfig) -> list[str]:
        """The stage's web origins, and the mobile app's scheme with mobile_app."""
        return list(self.project.oauth_redirect_urls(stage)[0])

    def _logout_urls(self, stage: StageConfig) -> list[str]:
        return list(self.project.oauth_redirect_urls(stage)[1])

    def _triggers(
        self, project: ProjectConfig, stage: StageConfig, users_table: dynamodb.ITableV2
    ) -> dict[str, lambda_.Function]:
        """The pool's triggers (ProjectConfig.cognito_triggers) by UserPoolTriggers' names."""
        functions = {
            trigger: backend_function(
                self,
                trigger,
                project=project,
                stage=stage,
                name=name,
                handler=TRIGGER_HANDLERS[trigger],
                environment={},
            )
            for trigger, name in project.cognito_triggers.items()
        }
        post_confirmation = functions["PostConfirmation"]
        post_confirmation.add_environment("APP_USERS_TABLE", users_table.table_name)
        post_confirmation.add_environment("APP_EMAIL_SENDER", stage.email_sender)
        grant_table(post_confirmation, users_table, "PutItem")
        sender_domain = stage.email_sender.rpartition("@")[2]
        post_confirmation.add_to_role_policy(
            iam.PolicyStatement(
                actions=["ses:SendEmail"],
                resources=[
                    cdk.Stack.of(self).format_arn(
                        service="ses", resource="identity", resource_name=identity
                    )
                    for identity in (sender_domain, stage.email_sender)
                ],
            )
        )
        return {trigger_argument(name): f for name, f in functions.items()}

    def _allow_linking(self, pre_sign_up: lambda_.Function) -> None:
        """Let the pre-sign-up trigger find users by e-mail and link a provider's sign-in to
        one (social_providers). A policy of its own: the pool refers to the function (its
        trigger), so the function's default policy must not refer to the pool."""
        iam.Policy(
            self,
            "PreSignUpLinking",
            roles=[pre_sign_up.role],
            statements=[
                iam.PolicyStatement(
                    actions=["cognito-idp:ListUsers", "cognito-idp:AdminLinkProviderForUser"],
                    resources=[self.user_pool.user_pool_arn],
                )
            ],
        )

    def _social_providers(
        self, project: ProjectConfig, stage: StageConfig
    ) -> dict[str, cognito.IUserPoolIdentityProvider]:
        """Google/Apple/Kakao; their credentials are read from Secrets Manager at deploy time."""

        def secret(provider: str, field: str) -> cdk.SecretValue:
            return cdk.SecretValue.secrets_manager(
                stage.secret_name(project, provider), json_field=field
            )

        providers: dict[str, cognito.IUserPoolIdentityProvider] = {}
        if "google" in project.social_providers:
            providers["google"] = cognito.UserPoolIdentityProviderGoogle(
                self,
                "Google",
                user_pool=self.user_pool,
                client_id=secret("google", "client_id").unsafe_unwrap(),
                client_secret_value=secret("google", "client_secret"),
                scopes=["openid", "email", "profile"],
                attribute_mapping=cognito.AttributeMapping(
                    email=cognito.ProviderAttribute.GOOGLE_EMAIL,
                    email_verified=cognito.ProviderAttribute.GOOGLE_EMAIL_VERIFIED,
                ),
            )
        if "apple" in project.social_providers:
            providers["apple"] = cognito.UserPoolIdentityProviderApple(
                self,
                "Apple",
                user_pool=self.user_pool,
                client_id=secret("apple", "services_id").unsafe_unwrap(),
                team_id=secret("apple", "team_id").unsafe_unwrap(),
                key_id=secret("apple", "key_id").unsafe_unwrap(),
                private_key_value=secret("apple", "private_key"),
                scopes=["email", "name"],
                attribute_mapping=cognito.AttributeMapping(
                    email=cognito.ProviderAttribute.APPLE_EMAIL,
                    email_verified=cognito.ProviderAttribute.APPLE_EMAIL_VERIFIED,
                ),
            )
        if "kakao" in project.social_providers:
            claim = cognito.ProviderAttribute.other
            providers["kakao"] = cognito.UserPoolIdentityProviderOidc(
                self,
                "Kakao",
                user_pool=self.user_pool,
                name=PROVIDER_NAMES["kakao"],
                issuer_url=KAKAO_ISSUER,
                client_id=secret("kakao", "client_id").unsafe_unwrap(),  # the REST API key
                client_secret=secret("kakao", "client_secret").unsafe_unwrap(),
                # The e-mail is an optional consent item: a user may sign in without sharing it.
                scopes=["openid", "profile_nickname", "account_email"],
                attribute_request_method=cognito.OidcAttributeRequestMethod.GET,
                attribute_mapping=cognito.AttributeMapping(
                    email=claim("email"),
                    email_verified=claim("email_verified"),
                    nickname=claim("nickname"),
                ),
            )
        return providers

    def _oauth(self, stage: StageConfig) -> cognito.OAuthSettings | None:
        if not self.identity_providers:
            return None
        return cognito.OAuthSettings(
            flows=cognito.OAuthFlows(authorization_code_grant=True),
            scopes=[cognito.OAuthScope.custom(scope) for scope in OAUTH_SCOPES],
            callback_urls=self._callback_urls(stage),
            logout_urls=self._logout_urls(stage),
        )

    def _admin_pool(
        self, project: ProjectConfig, stage: StageConfig, triggers: dict[str, lambda_.Function]
    ) -> cognito.UserPool:
        """Administrators: created by an admin (no self sign-up), TOTP MFA required; the custom
        message trigger writes their invitation in their language (ADMIN_POOL_TRIGGERS)."""
        pool = cognito.UserPool(
            self,
            "AdminPool",
            user_pool_name=stage.resource_name(project, "admins"),
            self_sign_up_enabled=False,
            sign_in_aliases=cognito.SignInAliases(email=True),
            sign_in_case_sensitive=False,
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            user_invitation=cognito.UserInvitationConfig(
                email_subject=f"Your {project.name} admin account",
                email_body=(
                    f"You were invited to administer {escape(project.name)}.<br><br>User name: "
                    "{username}<br>Temporary password: {####}<br><br>Sign in within 3 days "
                    "to set your own password and an authenticator app."
                ),
            ),
            mfa=cognito.Mfa.REQUIRED,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            password_policy=PASSWORD_POLICY,
            account_recovery=RECOVERY[ADMIN_ACCOUNT_RECOVERY],
            lambda_triggers=cognito.UserPoolTriggers(**triggers),
            feature_plan=cognito.FeaturePlan.ESSENTIALS,
            deletion_protection=stage.retain_data,
            removal_policy=stage.removal_policy,
        )
        acknowledge(pool, ADMIN_POOL_FINDINGS)
        return pool

    def _admin_groups(self, project: ProjectConfig, pool: cognito.IUserPool) -> None:
        """The administrators' roles: groups of the admin pool, or of the user pool without
        one (add administrators to them by hand; the backend's require_admin checks them)."""
        for group in ADMIN_GROUPS:
            cognito.CfnUserPoolGroup(
                self,
                f"AdminGroup{group.title()}",
                user_pool_id=pool.user_pool_id,
                group_name=group,
                description=f"{group} role of {project.name}'s administrators",
            )


def web_client(
    pool: cognito.UserPool,
    id: str,
    name: str,
    oauth: cognito.OAuthSettings | None = None,
    providers: tuple[str, ...] = (),
) -> cognito.UserPoolClient:
    """A public client (browser/mobile: no secret) using SRP or password sign-in."""
    return pool.add_client(
        id,
        user_pool_client_name=name,
        generate_secret=False,
        auth_flows=cognito.AuthFlow(user_srp=True, user_password=True),
        prevent_user_existence_errors=True,
        id_token_validity=cdk.Duration.hours(1),
        access_token_validity=cdk.Duration.hours(1),
        refresh_token_validity=cdk.Duration.days(30),
        o_auth=oauth,
        disable_o_auth=oauth is None,
        supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO]
        + [cognito.UserPoolClientIdentityProvider.custom(PROVIDER_NAMES[p]) for p in providers],
    )


def trigger_argument(name: str) -> str:
    """UserPoolTriggers' argument for a trigger of Cognito's name: PreSignUp -> pre_sign_up."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
