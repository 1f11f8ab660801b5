"""Stack outputs: a stable contract. The client-config writer and the docs read these names."""

import aws_cdk as cdk
from constructs import Construct

REGION = "Region"
API_URL = "ApiUrl"
USER_POOL_ID = "UserPoolId"
USER_POOL_CLIENT_ID = "UserPoolClientId"
USERS_TABLE_NAME = "UsersTableName"
FILES_BUCKET_NAME = "FilesBucketName"
FILES_TABLE_NAME = "FilesTableName"
FILES_BASE_URL = "FilesBaseUrl"  # the CDN; joined to public keys at read time
IDENTITY_POOL_ID = "IdentityPoolId"
ADMIN_USER_POOL_ID = "AdminUserPoolId"
ADMIN_USER_POOL_CLIENT_ID = "AdminUserPoolClientId"
AUTH_DOMAIN = "AuthDomain"  # the hosted UI's domain, with social sign-in


def add_outputs(scope: Construct, values: dict[str, str]) -> None:
    for key, value in values.items():
        cdk.CfnOutput(scope, key, key=key, value=value)
