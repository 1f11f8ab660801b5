"""Stack outputs: a stable contract. The client-config writer and the docs read these names.

The local stack and the client-config writer read the names too: the CDK (and the node process
it starts) is imported only to declare outputs.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from constructs import Construct

REGION = "Region"
API_URL = "ApiUrl"
PUBLIC_API_URL = "PublicApiUrl"  # the public face: the public GET routes, cached, no token
USER_POOL_ID = "UserPoolId"
USER_POOL_CLIENT_ID = "UserPoolClientId"
USERS_TABLE_NAME = "UsersTableName"
FILES_BUCKET_NAME = "FilesBucketName"
FILES_TABLE_NAME = "FilesTableName"
JOBS_TABLE_NAME = "JobsTableName"  # failed job executions, with batch
CONNECTIONS_TABLE_NAME = "ConnectionsTableName"  # open WebSocket connections, with realtime
POSTS_TABLE_NAME = "PostsTableName"  # the board's posts, with board
MESSAGES_TABLE_NAME = "MessagesTableName"  # direct messages, with realtime
CONVERSATIONS_TABLE_NAME = "ConversationsTableName"  # users' conversations, with realtime
WEBSOCKET_URL = "WebSocketUrl"  # wss://…/<stage>, with realtime
# Each table's name output, by its tables.TABLES name.
TABLE_NAMES = {
    "users": USERS_TABLE_NAME,
    "files": FILES_TABLE_NAME,
    "jobs": JOBS_TABLE_NAME,
    "connections": CONNECTIONS_TABLE_NAME,
    "posts": POSTS_TABLE_NAME,
    "messages": MESSAGES_TABLE_NAME,
    "conversations": CONVERSATIONS_TABLE_NAME,
}
FILES_BASE_URL = "FilesBaseUrl"  # the CDN; joined to public keys at read time
FILES_DISTRIBUTION_ID = "FilesDistributionId"  # the CDN, whose copies deletions invalidate
IDENTITY_POOL_ID = "IdentityPoolId"
BACKUPS_BUCKET_NAME = "BackupsBucketName"  # the user pools' exports, with the stage's backups
ADMIN_USER_POOL_ID = "AdminUserPoolId"
ADMIN_USER_POOL_CLIENT_ID = "AdminUserPoolClientId"
AUTH_DOMAIN = "AuthDomain"  # the hosted UI's domain, with social sign-in
STATIC_IP = "StaticIp"  # the API's outbound address, with static_ip
WEB_URL = "WebUrl"  # https://… where the web app is served, with web_app
DASHBOARD_URL = "DashboardUrl"  # the stage's CloudWatch dashboard: open it first


# The API Lambda's settings from these values; the infra and the local stack both use it.
APP_ENVIRONMENT = {
    "APP_REGION": REGION,
    "APP_USERS_TABLE": USERS_TABLE_NAME,
    "APP_FILES_TABLE": FILES_TABLE_NAME,
    "APP_JOBS_TABLE": JOBS_TABLE_NAME,
    "APP_CONNECTIONS_TABLE": CONNECTIONS_TABLE_NAME,
    "APP_POSTS_TABLE": POSTS_TABLE_NAME,
    "APP_MESSAGES_TABLE": MESSAGES_TABLE_NAME,
    "APP_CONVERSATIONS_TABLE": CONVERSATIONS_TABLE_NAME,
    "APP_USER_POOL_CLIENT_ID": USER_POOL_CLIENT_ID,
    "APP_FILES_BUCKET": FILES_BUCKET_NAME,
    "APP_FILES_BASE_URL": FILES_BASE_URL,
    "APP_FILES_DISTRIBUTION_ID": FILES_DISTRIBUTION_ID,
    "APP_USER_POOL_ID": USER_POOL_ID,
    "APP_ADMIN_USER_POOL_ID": ADMIN_USER_POOL_ID,
    "APP_IDENTITY_POOL_ID": IDENTITY_POOL_ID,
}


def app_environment(values: dict[str, str]) -> dict[str, str]:
    return {env: values[key] for env, key in APP_ENVIRONMENT.items() if key in values}


def add_outputs(scope: "Construct", values: dict[str, str]) -> None:
    import aws_cdk as cdk

    for key, value in values.items():
        cdk.CfnOutput(scope, key, key=key, value=value)
