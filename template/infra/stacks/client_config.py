"""Client SDK config from a stage's stack outputs: `client/amplify_outputs.json` (what Amplify
JS v6 `Amplify.configure()` takes) and `client/aws-exports.js` (older clients), one pair per
role: the user app in client/, the admin app in client/admin/ when the admin pool is on.

The local stack's files go to client/local/ (and client/local/admin/), so `make dev` never
overwrites a deployed stage's. They carry where its emulated services answer under
`custom.local_endpoints`: a client that finds them points Amplify there (Auth.Cognito's
`userPoolEndpoint` and `identityPoolEndpoint`, S3 for direct uploads).

    python -m stacks.client_config dev     # reads the deployed stack's outputs
    python -m stacks.client_config local   # the running `make dev`
"""

import json
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from . import outputs as keys
from .config import (
    LOCAL_STAGE,
    LOCAL_STATE_FILE,
    PROJECT,
    ROOT,
    ProjectConfig,
    StageConfig,
    stage_config,
)
from .user_pools import OAUTH_SCOPES, PASSWORD_RULES, PROVIDER_NAMES

CLIENT_DIR = ROOT / "client"
CDK_OUTPUTS_FILE = ROOT / "infra" / "cdk-outputs.json"  # `cdk deploy --outputs-file`
SCHEMA = "https://amplify.aws/2024-02/outputs-schema.json"
# Amplify's names of the providers its schema knows. The others (Kakao: OpenID Connect) go in
# `custom.oidc_providers` by their names in the pool: signInWithRedirect({provider: {custom}}).
IDENTITY_PROVIDERS = {"google": "GOOGLE", "apple": "SIGN_IN_WITH_APPLE"}
# The `mfa` answer in amplify_outputs.json's terms, and in aws-exports.js's.
MFA_CONFIGURATION = {"off": "NONE", "optional": "OPTIONAL", "required": "REQUIRED"}
EXPORTS_MFA = {"NONE": "OFF", "OPTIONAL": "OPTIONAL", "REQUIRED": "ON"}


def password_policy() -> dict[str, Any]:
    return {
        "min_length": PASSWORD_RULES.min_length,
        "require_lowercase": PASSWORD_RULES.require_lowercase,
        "require_uppercase": PASSWORD_RULES.require_uppercase,
        "require_numbers": PASSWORD_RULES.require_digits,
        "require_symbols": PASSWORD_RULES.require_symbols,
    }


def local_endpoints(endpoint: str) -> dict[str, str]:
    """`custom.local_endpoints` of the local stack's files: its services, all on moto's server."""
    return {"user_pool": endpoint, "identity_pool": endpoint, "s3": endpoint}


def client_dir_of(stage: StageConfig) -> Path:
    """Where a stage's files go: the local stack's beside, not over, a deployed stage's."""
    return CLIENT_DIR / "local" if stage.name == LOCAL_STAGE.name else CLIENT_DIR


def content_security_policy(*, connect: list[str], images: list[str]) -> str:
    """What a web app may load (its Content-Security-Policy): its own files, and the services
    it calls (`connect`) or shows images from (`images`)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Amplify UI sets style attributes and its theme's <style> element.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *images],
        "connect-src": ["'self'", *connect],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def amplify_outputs(
    project: ProjectConfig,
    stage: StageConfig,
    values: dict[str, str],
    *,
    admin: bool = False,
    endpoints: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The amplify_outputs.json document (schema version 1.4) for one role; `endpoints` are
    the local stack's (local_endpoints)."""
    region = values[keys.REGION]
    auth: dict[str, Any] = {
        "aws_region": region,
        "password_policy": password_policy(),
        "unauthenticated_identities_enabled": False,
    }
    if admin:
        auth |= {
            "user_pool_id": values[keys.ADMIN_USER_POOL_ID],
            "user_pool_client_id": values[keys.ADMIN_USER_POOL_CLIENT_ID],
            "username_attributes": ["email"],
            "standard_required_attributes": ["email"],
            "user_verification_types": ["email"],
            "mfa_configuration": "REQUIRED",
            "mfa_methods": ["TOTP"],
        }
    else:
        auth |= {
            "user_pool_id": values[keys.USER_POOL_ID],
            "user_pool_client_id": values[keys.USER_POOL_CLIENT_ID],
            "identity_pool_id": values[keys.IDENTITY_POOL_ID],
            "username_attributes": list(project.username_attributes),
            "standard_required_attributes": list(project.required_attributes),
            "user_verification_types": list(project.username_attributes),
            "mfa_configuration": MFA_CONFIGURATION[project.mfa],
        }
        if project.mfa_methods:
            auth["mfa_methods"] = list(project.mfa_methods)
        if project.social_providers:
            callbacks, logouts = project.oauth_redirect_urls(stage)
            auth["oauth"] = {
                "identity_providers": [
                    IDENTITY_PROVIDERS[name]
                    for name in project.social_providers
                    if name in IDENTITY_PROVIDERS
                ],
                "domain": values[keys.AUTH_DOMAIN],
                "scopes": list(OAUTH_SCOPES),
                "redirect_sign_in_uri": list(callbacks),
                "redirect_sign_out_uri": list(logouts),
                "response_type": "code",
            }
    document: dict[str, Any] = {"$schema": SCHEMA, "version": "1.4", "auth": auth}
    if not admin:
        document["storage"] = {"aws_region": region, "bucket_name": values[keys.FILES_BUCKET_NAME]}
    document["custom"] = {
        "api_url": values[keys.API_URL],
        # the public GET routes, cached and without a token: read public content here
        "public_api_url": values[keys.PUBLIC_API_URL],
        "files_base_url": values[keys.FILES_BASE_URL],
        **({"admin_api_url": values[keys.API_URL].rstrip("/") + "/admin"} if admin else {}),
        # realtime: connect with `?token=<id token>` (browsers cannot set WebSocket headers)
        **({"websocket_url": values[keys.WEBSOCKET_URL]} if keys.WEBSOCKET_URL in values else {}),
        **({"local_endpoints": endpoints} if endpoints else {}),
    }
    oidc_providers = [
        PROVIDER_NAMES[name] for name in project.social_providers if name not in IDENTITY_PROVIDERS
    ]
    if oidc_providers and not admin:
        document["custom"]["oidc_providers"] = oidc_providers
    return document


def aws_exports(document: dict[str, Any]) -> str:
    """The same values in Amplify's v1 `aws-exports.js` keys."""
    auth = document["auth"]
    exports: dict[str, Any] = {
        "aws_project_region": auth["aws_region"],
        "aws_cognito_region": auth["aws_region"],
        "aws_user_pools_id": auth["user_pool_id"],
        "aws_user_pools_web_client_id": auth["user_pool_client_id"],
        "aws_cognito_username_attributes": [a.upper() for a in auth["username_attributes"]],
        "aws_cognito_signup_attributes": [a.upper() for a in auth["standard_required_attributes"]],
        "aws_cognito_verification_mechanisms": [a.upper() for a in auth["user_verification_types"]],
        "aws_cognito_mfa_configuration": EXPORTS_MFA[auth["mfa_configuration"]],
        "aws_cognito_mfa_types": auth.get("mfa_methods", []),
        "aws_cognito_password_protection_settings": {
            "passwordPolicyMinLength": auth["password_policy"]["min_length"],
            "passwordPolicyCharacters": [
                name
                for name, on in (
                    ("REQUIRES_LOWERCASE", auth["password_policy"]["require_lowercase"]),
                    ("REQUIRES_UPPERCASE", auth["password_policy"]["require_uppercase"]),
                    ("REQUIRES_NUMBERS", auth["password_policy"]["require_numbers"]),
                    ("REQUIRES_SYMBOLS", auth["password_policy"]["require_symbols"]),
                )
                if on
            ],
        },
        "aws_cloud_logic_custom": [
            {"name": name, "endpoint": document["custom"][key], "region": auth["aws_region"]}
            for name, key in (("api", "api_url"), ("public", "public_api_url"))
        ],
    }
    if "identity_pool_id" in auth:
        exports["aws_cognito_identity_pool_id"] = auth["identity_pool_id"]
    if "storage" in document:
        exports["aws_user_files_s3_bucket"] = document["storage"]["bucket_name"]
        exports["aws_user_files_s3_bucket_region"] = document["storage"]["aws_region"]
    if "oauth" in auth:
        oauth = auth["oauth"]
        exports["oauth"] = {
            "domain": oauth["domain"],
            "scope": oauth["scopes"],
            "redirectSignIn": ",".join(oauth["redirect_sign_in_uri"]),
            "redirectSignOut": ",".join(oauth["redirect_sign_out_uri"]),
            "responseType": oauth["response_type"],
        }
    body = json.dumps(exports, indent=2)
    header = "// Written by `make client-config`; do not edit."
    return f"{header}\nconst awsmobile = {body};\n\nexport default awsmobile;\n"


def roles(project: ProjectConfig) -> dict[str, bool]:
    """Each role's folder, relative to the client config's (deployed: the web app's root), and
    whether it is the admin role: the user app's, and the admin console's with the admin pool."""
    return {".": False, **({"admin": True} if project.admin_pool else {})}


def web_client_configs(
    project: ProjectConfig, stage: StageConfig, values: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Every role's amplify_outputs.json by its path beside the deployed web app."""
    return {
        str(PurePosixPath(folder, "amplify_outputs.json")): amplify_outputs(
            project, stage, values, admin=admin
        )
        for folder, admin in roles(project).items()
    }


def write_client_config(
    project: ProjectConfig,
    stage: StageConfig,
    values: dict[str, str],
    client_dir: Path | None = None,
    endpoints: dict[str, str] | None = None,
) -> list[Path]:
    """Write every role's files (into client_dir_of(stage) unless told); returns their paths."""
    client_dir = client_dir or client_dir_of(stage)
    written = []
    for folder, admin in roles(project).items():
        directory = client_dir / folder
        directory.mkdir(parents=True, exist_ok=True)
        document = amplify_outputs(project, stage, values, admin=admin, endpoints=endpoints)
        outputs_json = directory / "amplify_outputs.json"
        outputs_json.write_text(json.dumps(document, indent=2) + "\n")
        exports_js = directory / "aws-exports.js"
        exports_js.write_text(aws_exports(document))
        written += [outputs_json, exports_js]
    return written


def deployed_outputs(stack_name: str, region: str) -> dict[str, str]:
    """A deployed stack's outputs: from `cdk deploy --outputs-file`, else CloudFormation."""
    if CDK_OUTPUTS_FILE.exists():
        saved = json.loads(CDK_OUTPUTS_FILE.read_text())
        if stack_name in saved:
            return saved[stack_name]
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    try:
        (stack,) = boto3.client("cloudformation", region_name=region).describe_stacks(
            StackName=stack_name
        )["Stacks"]
    except NoCredentialsError:
        raise SystemExit(
            f"No AWS credentials to read the {stack_name} stack's outputs: sign in (e.g. "
            "`aws sso login`, or AWS_PROFILE=…) and run it again, or use STAGE=local for the "
            "running `make dev`."
        ) from None
    except ClientError as error:  # e.g. "Stack with id … does not exist"
        message = error.response["Error"]["Message"]
        raise SystemExit(f"{stack_name} in {region}: {message}") from None
    except BotoCoreError as error:  # e.g. no network
        raise SystemExit(f"Could not read the {stack_name} stack's outputs: {error}") from None
    return {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}


def clients(endpoint: str | None, region: str = PROJECT.region) -> Any:
    """boto3 clients by service, of AWS, or of moto's server (the local stack) at `endpoint`."""
    import boto3

    if endpoint:  # moto takes any credentials
        session = boto3.session.Session(
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106 (moto's, not a secret)
            region_name=region,
        )
        return lambda service: session.client(service, endpoint_url=endpoint)
    return lambda service: boto3.client(service, region_name=region)


def stage_values(name: str) -> tuple[StageConfig, dict[str, str], dict[str, str] | None]:
    """A stage by name, its resources' values (the outputs) and, for the running `make dev`
    (local), where its emulated services answer."""
    if name == LOCAL_STAGE.name:
        if not LOCAL_STATE_FILE.exists():
            raise SystemExit("The local stack is not running: start it with `make dev` first.")
        state = json.loads(LOCAL_STATE_FILE.read_text())
        return LOCAL_STAGE, state["values"], state["local_endpoints"]
    try:
        stage = stage_config(name)  # dev, prod or a preview
    except ValueError as error:
        raise SystemExit(str(error)) from None
    return stage, deployed_outputs(f"{PROJECT.slug}-{name}", PROJECT.region), None


def main(argv: list[str]) -> None:
    stage, values, endpoints = stage_values(argv[1] if len(argv) > 1 else "dev")
    if keys.WEB_URL in values:  # the web app's origin joins the hosted UI's redirects
        stage = stage.with_web_app(values[keys.WEB_URL])
    for path in write_client_config(PROJECT, stage, values, endpoints=endpoints):
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv)
