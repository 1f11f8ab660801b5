"""Create the stack's resources on moto's server from the infra's own configuration.

Returns the same values the deployed stack outputs (infra/stacks/outputs.py), so the
client-config writer and the app's settings read one shape, local or deployed.
"""

import json
from typing import Any

from stacks import outputs as keys
from stacks.client_config import clients
from stacks.config import (
    ACCOUNT_RECOVERY,
    ADMIN_ACCOUNT_RECOVERY,
    ADMIN_GROUPS,
    ADMIN_POOL_TRIGGERS,
    LOCAL_FILES_PATH,
    LOCAL_PUBLIC_PATH,
    LOCAL_STAGE,
    PASSWORD_RULES,
    PROJECT,
    SIGNUP_META_ATTRIBUTE,
    STORAGE_LEVELS,
    TABLES,
    UPLOAD_RECORDER,
    ProjectConfig,
    StageConfig,
)

ACCOUNT = "123456789012"  # moto's account


def password_policy() -> dict[str, Any]:
    return {
        "MinimumLength": PASSWORD_RULES.min_length,
        "RequireLowercase": PASSWORD_RULES.require_lowercase,
        "RequireUppercase": PASSWORD_RULES.require_uppercase,
        "RequireNumbers": PASSWORD_RULES.require_digits,
        "RequireSymbols": PASSWORD_RULES.require_symbols,
        "TemporaryPasswordValidityDays": PASSWORD_RULES.temporary_password_days,
    }


# The `mfa` answer as Cognito's API names it.
MFA_CONFIGURATION = {"off": "OFF", "optional": "OPTIONAL", "required": "ON"}


def create_pool(
    cognito,
    name: str,
    *,
    usernames: tuple[str, ...],
    self_sign_up: bool,
    mfa: str,
    mfa_methods: tuple[str, ...],
    verified: tuple[str, ...],
    recovery: tuple[str, ...],
    triggers: dict[str, str] | None = None,
) -> str:
    """A pool as the infra's; `triggers` maps Cognito's trigger names to function ARNs, which
    local/aws/ invokes as Cognito does."""
    pool = cognito.create_user_pool(
        PoolName=name,
        UsernameAttributes=list(usernames),
        UsernameConfiguration={"CaseSensitive": False},
        AutoVerifiedAttributes=list(verified),
        Policies={"PasswordPolicy": password_policy()},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": not self_sign_up},
        LambdaConfig=triggers or {},
        # Where reset codes go, and (as Cognito) sign-up codes: "we e-mailed a code to a***@e***"
        AccountRecoverySetting={
            "RecoveryMechanisms": [
                {"Name": name, "Priority": priority} for priority, name in enumerate(recovery, 1)
            ]
        },
        Schema=[
            {
                "Name": SIGNUP_META_ATTRIBUTE,
                "AttributeDataType": "String",
                "Mutable": True,
                "StringAttributeConstraints": {"MaxLength": "2048"},
            }
        ],
    )["UserPool"]
    # As on AWS (local/aws/ asks for the second factor in every sign-in flow, as Cognito does).
    sms_role = f"arn:aws:iam::{ACCOUNT}:role/{name}-sms"
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool["Id"],
        SoftwareTokenMfaConfiguration={"Enabled": "TOTP" in mfa_methods},
        **(
            {"SmsMfaConfiguration": {"SmsConfiguration": {"SnsCallerArn": sms_role}}}
            if "SMS" in mfa_methods
            else {}
        ),
        MfaConfiguration=MFA_CONFIGURATION[mfa],
    )
    return pool["Id"]


def function_arn(project: ProjectConfig, stage: StageConfig, name: str) -> str:
    return f"arn:aws:lambda:{project.region}:{ACCOUNT}:function:" + stage.resource_name(
        project, name
    )


def create_client(cognito, pool_id: str, name: str) -> str:
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=name,
        GenerateSecret=False,
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )
    return client["UserPoolClient"]["ClientId"]


def create_resources(
    endpoint: str, api_url: str, project: ProjectConfig = PROJECT, stage: StageConfig = LOCAL_STAGE
) -> dict[str, str]:
    """Everything the app needs, created on the moto server at `endpoint`."""
    client = clients(endpoint, project.region)
    cognito = client("cognito-idp")
    pool_id = create_pool(
        cognito,
        stage.resource_name(project, "users"),
        usernames=project.username_attributes,
        self_sign_up=True,
        mfa=project.mfa,
        mfa_methods=project.mfa_methods,
        verified=project.verified_by_code,
        recovery=ACCOUNT_RECOVERY[project.login_id],
        triggers={
            trigger: function_arn(project, stage, name)
            for trigger, name in project.cognito_triggers.items()
        },
    )
    client_id = create_client(cognito, pool_id, stage.resource_name(project, "web"))
    identity_pool_id = client("cognito-identity").create_identity_pool(
        IdentityPoolName=stage.resource_name(project, "identities").replace("-", "_"),
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[
            {
                "ProviderName": f"cognito-idp.{project.region}.amazonaws.com/{pool_id}",
                "ClientId": client_id,
            }
        ],
    )["IdentityPoolId"]

    bucket = stage.resource_name(project, "files")
    s3 = client("s3")
    location = {} if project.region == "us-east-1" else {"LocationConstraint": project.region}
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration=location)
    s3.put_bucket_cors(
        Bucket=bucket,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": list(stage.allowed_origins),
                    "AllowedMethods": ["GET", "HEAD", "PUT", "POST", "DELETE"],
                    "AllowedHeaders": ["*"],
                    "ExposeHeaders": ["ETag"],
                }
            ]
        },
    )

    if stage.record_uploads:  # as the infra's storage.record_uploads: local/aws/ delivers
        recorder = function_arn(project, stage, UPLOAD_RECORDER)
        s3.put_bucket_notification_configuration(
            Bucket=bucket,
            NotificationConfiguration={
                "LambdaFunctionConfigurations": [
                    {
                        "LambdaFunctionArn": recorder,
                        "Events": ["s3:ObjectCreated:*"],
                        "Filter": {
                            "Key": {"FilterRules": [{"Name": "prefix", "Value": f"{level}/"}]}
                        },
                    }
                    for level in STORAGE_LEVELS
                ]
            },
        )

    # The backups bucket (infra backups.py, on where a stage has backups): here always, so the
    # restore runbook's user export can be rehearsed (local/tests/test_dev_recovery.py).
    backups_bucket = stage.resource_name(project, "backups")
    s3.create_bucket(Bucket=backups_bucket, CreateBucketConfiguration=location)

    dynamodb = client("dynamodb")
    for name, spec in TABLES.items():
        table = stage.resource_name(project, name)
        dynamodb.create_table(**spec.create_table_request(table))
        dynamodb.update_continuous_backups(  # as data.py's: point-in-time recovery on
            TableName=table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
        )
    client("ses").verify_email_identity(EmailAddress=stage.email_sender)

    values = {
        keys.REGION: project.region,
        keys.USER_POOL_ID: pool_id,
        keys.USER_POOL_CLIENT_ID: client_id,
        keys.IDENTITY_POOL_ID: identity_pool_id,
        keys.FILES_BUCKET_NAME: bucket,
        keys.BACKUPS_BUCKET_NAME: backups_bucket,
        **gateway_urls(api_url, project, stage),
    }
    for name in TABLES:
        values[keys.TABLE_NAMES[name]] = stage.resource_name(project, name)
    if project.admin_pool:
        admin_pool_id = create_pool(
            cognito,
            stage.resource_name(project, "admins"),
            usernames=("email",),
            self_sign_up=False,
            mfa="required",  # as infra auth.py's admin pool
            mfa_methods=("TOTP",),
            verified=("email",),
            recovery=ADMIN_ACCOUNT_RECOVERY,
            triggers={
                trigger: function_arn(project, stage, project.cognito_triggers[trigger])
                for trigger in ADMIN_POOL_TRIGGERS
            },
        )
        values[keys.ADMIN_USER_POOL_ID] = admin_pool_id
        values[keys.ADMIN_USER_POOL_CLIENT_ID] = create_client(
            cognito, admin_pool_id, stage.resource_name(project, "admin")
        )
    # The administrators' roles, in the admin pool or, without one, the user pool (as auth.py).
    for group in ADMIN_GROUPS:
        cognito.create_group(
            GroupName=group,
            UserPoolId=values.get(keys.ADMIN_USER_POOL_ID) or values[keys.USER_POOL_ID],
        )
    if project.social_providers:
        # No hosted UI runs locally: social sign-in needs a deployed stage.
        values[keys.AUTH_DOMAIN] = f"{stage.auth_domain_prefix(project)}.auth.localhost"
    return values


def gateway_urls(
    api_url: str, project: ProjectConfig = PROJECT, stage: StageConfig = LOCAL_STAGE
) -> dict[str, str]:
    """The local gateway's addresses among the stack's outputs: the API, its twins of the files
    CDN and of the public face (local/gateway.py), and with realtime the WebSocket API's twin."""
    urls = {
        keys.API_URL: api_url,
        keys.FILES_BASE_URL: api_url.rstrip("/") + LOCAL_FILES_PATH.rstrip("/"),
        keys.PUBLIC_API_URL: api_url.rstrip("/") + LOCAL_PUBLIC_PATH,
    }
    if project.realtime:  # served at /<stage>
        urls[keys.WEBSOCKET_URL] = f"{api_url.replace('http://', 'ws://', 1)}{stage.name}"
    return urls


def app_environment(
    endpoint: str, values: dict[str, str], stage: StageConfig = LOCAL_STAGE
) -> dict:
    """The environment the app and its triggers run with against the local stack."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": values[keys.REGION],
        "APP_STAGE": stage.name,
        "APP_EMAIL_SENDER": stage.email_sender,
        "APP_ALLOWED_ORIGINS": json.dumps(list(stage.allowed_origins)),
        **keys.app_environment(values),
        **realtime_environment(endpoint, values),
        **jobs_environment(),
    }


def jobs_environment() -> dict[str, str]:
    """The jobs `make job` runs (config.JOBS): a deployed API knows its state machines instead
    (APP_JOB_STATE_MACHINES); the local one lists these and says they run on a deployed stage."""
    if not PROJECT.batch:
        return {}
    from stacks.config import JOBS  # defined with batch only

    return {"APP_LOCAL_JOBS": json.dumps(sorted(JOBS))}


def realtime_environment(endpoint: str, values: dict[str, str]) -> dict[str, str]:
    """The WebSocket twin (local/realtime.py): JWKS from moto, posts to the local gateway."""
    if keys.WEBSOCKET_URL not in values:
        return {}
    callback_url = values[keys.WEBSOCKET_URL].replace("ws://", "http://", 1)
    return {"APP_COGNITO_URL": endpoint, "APP_WEBSOCKET_CALLBACK_URL": callback_url}
