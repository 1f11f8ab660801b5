"""Cognito as the answers ask: triggers, social federation, the admin pool."""

import json

import pytest
from aws_cdk.assertions import Match

from policies import ACCOUNT, function_role, only, resource_arns, role_decisions


def functions_by_handler(template):
    return {
        fn["Properties"]["Handler"].split(".", 1)[1]: fn
        for fn in template.find_resources("AWS::Lambda::Function").values()
    }


def user_pool(template, suffix="-users"):
    for pool in template.find_resources("AWS::Cognito::UserPool").values():
        if pool["Properties"]["UserPoolName"].endswith(suffix):
            return pool["Properties"]
    return None


def test_post_confirmation_trigger_writes_the_profile(synth_with):
    template = synth_with(auto_verify=False, social_providers=())
    handlers = functions_by_handler(template)
    assert "triggers.post_confirmation.handler" in handlers
    assert "triggers.pre_sign_up.handler" not in handlers
    config = user_pool(template)["LambdaConfig"]
    assert set(config) == {"PostConfirmation", "CustomMessage"}
    assert "APP_USERS_TABLE" in json.dumps(
        handlers["triggers.post_confirmation.handler"]["Properties"]["Environment"]
    )


def test_auto_verify_adds_the_pre_sign_up_trigger(synth_with):
    template = synth_with(auto_verify=True, social_providers=())
    assert "triggers.pre_sign_up.handler" in functions_by_handler(template)
    assert set(user_pool(template)["LambdaConfig"]) == {
        "PreSignUp",
        "PostConfirmation",
        "CustomMessage",
    }


def test_the_custom_message_trigger_is_attached_and_may_only_log(dev_template):
    """Cognito's codes and invitations go through it (the user's language); it reads nothing."""
    handlers = functions_by_handler(dev_template)
    function_id = next(
        logical_id
        for logical_id, function in dev_template.find_resources("AWS::Lambda::Function").items()
        if function == handlers["triggers.custom_message.handler"]
    )
    lambda_config = user_pool(dev_template)["LambdaConfig"]
    assert lambda_config["CustomMessage"] == {"Fn::GetAtt": [function_id, "Arn"]}
    dev_template.has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "FunctionName": {"Fn::GetAtt": [function_id, "Arn"]},
            "Principal": "cognito-idp.amazonaws.com",
        },
    )
    actions = policy_actions(dev_template, "CustomMessage")
    assert "logs:PutLogEvents" in actions  # its role's policy, found
    assert actions <= {
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
    }


def test_post_confirmation_may_only_put_items_and_send_mail(dev_template):
    actions = policy_actions(dev_template, "PostConfirmation")
    assert actions <= {
        "dynamodb:PutItem",
        "ses:SendEmail",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
    }
    assert "dynamodb:PutItem" in actions


def test_signup_metadata_attribute_and_readable_messages(dev_template):
    pool = user_pool(dev_template)
    (signup_meta,) = [a for a in pool["Schema"] if a["Name"] == "signup_meta"]
    assert (signup_meta["AttributeDataType"], signup_meta["Mutable"]) == ("String", True)
    assert "{####}" in pool["VerificationMessageTemplate"]["EmailMessage"]
    invitation = pool["AdminCreateUserConfig"]["InviteMessageTemplate"]
    for message in (invitation["EmailMessage"], invitation["SMSMessage"]):
        assert "{username}" in message and "{####}" in message  # Cognito requires both


def required_attributes(template) -> set[str]:
    return {a["Name"] for a in user_pool(template)["Schema"] if a.get("Required")}


def test_no_social_means_no_hosted_ui(synth_with):
    template = synth_with(social_providers=(), login_id="email")
    assert required_attributes(template) == {"email"}
    template.resource_count_is("AWS::Cognito::UserPoolIdentityProvider", 0)
    template.resource_count_is("AWS::Cognito::UserPoolDomain", 0)
    assert "AuthDomain" not in template.to_json()["Outputs"]


def test_social_providers_federate_through_the_hosted_ui(synth_with):
    template = synth_with(
        social_providers=("google", "apple", "kakao"),
        auth_domain_prefix="shop-login",
        login_id="email",
    )
    template.has_resource_properties("AWS::Cognito::UserPoolDomain", {"Domain": "shop-login-dev"})
    providers = template.find_resources("AWS::Cognito::UserPoolIdentityProvider")
    by_name = {p["Properties"]["ProviderName"]: p["Properties"] for p in providers.values()}
    assert {name: p["ProviderType"] for name, p in by_name.items()} == {
        "Google": "Google",
        "SignInWithApple": "SignInWithApple",
        "Kakao": "OIDC",
    }
    # Credentials are resolved from Secrets Manager at deploy time, never in the template.
    for provider in by_name.values():
        assert "{{resolve:secretsmanager:" in json.dumps(provider["ProviderDetails"])
    assert by_name["Google"]["AttributeMapping"]["email"] == "email"
    # Kakao Login's OpenID Connect: endpoints from its discovery document, the e-mail where the
    # user consents to share it, the nickname for the first display name.
    kakao = by_name["Kakao"]
    assert kakao["ProviderDetails"]["oidc_issuer"] == "https://kauth.kakao.com"
    assert kakao["ProviderDetails"]["authorize_scopes"] == "openid profile_nickname account_email"
    assert "kakao" in json.dumps(kakao["ProviderDetails"]["client_secret"])
    assert kakao["AttributeMapping"] == {
        "email": "email",
        "email_verified": "email_verified",
        "nickname": "nickname",
    }
    # A Kakao user who shares no e-mail must still sign in: the pool requires none.
    assert required_attributes(template) == set()
    template.has_resource_properties(
        "AWS::Cognito::UserPoolClient",
        {
            "SupportedIdentityProviders": ["COGNITO", "Google", "SignInWithApple", "Kakao"],
            "AllowedOAuthFlows": ["code"],
            "CallbackURLs": Match.any_value(),
            "LogoutURLs": Match.any_value(),
        },
    )
    assert "AuthDomain" in template.to_json()["Outputs"]


def recovery(pool) -> tuple[str, ...]:
    mechanisms = pool["AccountRecoverySetting"]["RecoveryMechanisms"]
    return tuple(m["Name"] for m in sorted(mechanisms, key=lambda m: m["Priority"]))


def test_reset_codes_go_where_the_local_pools_send_them(dev_template, config):
    """user_pools.ACCOUNT_RECOVERY, which the local pools are made from too (local/bootstrap.py):
    the same words ("we e-mailed a code to a***@e***") appear on both."""
    assert recovery(user_pool(dev_template)) == config.ACCOUNT_RECOVERY[config.PROJECT.login_id]
    if config.PROJECT.admin_pool:
        assert recovery(user_pool(dev_template, "-admins")) == config.ADMIN_ACCOUNT_RECOVERY


def test_admin_pool_has_no_self_sign_up_and_requires_mfa(synth_with):
    template = synth_with(admin_pool=True)
    admins = user_pool(template, "-admins")
    assert admins["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert admins["MfaConfiguration"] == "ON"
    # Invitations in the invitee's language: the user pool's custom message function, which
    # Cognito may invoke for this pool too.
    custom_message = user_pool(template)["LambdaConfig"]["CustomMessage"]
    assert admins["LambdaConfig"] == {"CustomMessage": custom_message}
    admin_pool_id = next(
        logical_id
        for logical_id, pool in template.find_resources("AWS::Cognito::UserPool").items()
        if pool["Properties"]["UserPoolName"].endswith("-admins")
    )
    template.has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "FunctionName": custom_message,
            "Principal": "cognito-idp.amazonaws.com",
            "SourceArn": {"Fn::GetAtt": [admin_pool_id, "Arn"]},
        },
    )
    groups = template.find_resources("AWS::Cognito::UserPoolGroup")
    assert {g["Properties"]["GroupName"] for g in groups.values()} == {"admin", "root"}
    outputs = template.to_json()["Outputs"]
    assert {"AdminUserPoolId", "AdminUserPoolClientId"} <= set(outputs)


def test_no_admin_pool_when_not_asked(synth_with):
    template = synth_with(admin_pool=False)
    assert user_pool(template, "-admins") is None
    assert "AdminUserPoolId" not in template.to_json()["Outputs"]
    # The administrators' roles are groups of the user pool then.
    (pool_id,) = template.find_resources("AWS::Cognito::UserPool")
    groups = template.find_resources("AWS::Cognito::UserPoolGroup").values()
    assert {g["Properties"]["GroupName"] for g in groups} == {"admin", "root"}
    assert {json.dumps(g["Properties"]["UserPoolId"]) for g in groups} == {
        json.dumps({"Ref": pool_id})
    }


# What the API function might ask of the pools and of the users table (it may do some, below).
POOL_ACTIONS = ["ListUsers", "AdminGetUser", "AdminDeleteUser", "AdminDisableUser"]
POOL_ACTIONS += ["AdminEnableUser", "AdminUserGlobalSignOut", "AdminCreateUser"]
POOL_ACTIONS += ["AdminUpdateUserAttributes", "AdminAddUserToGroup"]
TABLE_ACTIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "BatchGetItem", "Scan", "Query"]
ADMINISTRATION = ["ListUsers", "AdminDisableUser", "AdminEnableUser", "AdminUserGlobalSignOut"]


def test_api_reads_and_administers_users_of_its_pool_only(dev_template, config):
    """Evaluated as AWS would (policies.py): the API reads a user without a record yet and
    makes their record (auth.profile_of), deletes accounts, and with the admin pool lists,
    disables (signing out) and enables users: in the user pool only, never the admin pool, and
    it creates or changes no one. It reads pages of records (BatchGetItem: the users list, the
    moderation queue) but never scans the whole table."""
    resources = dev_template.to_json()["Resources"]
    arns, region = resource_arns(resources), config.PROJECT.region
    targets = {}  # users, admins (the pools), table
    for logical_id, resource in resources.items():
        if resource["Type"] == "AWS::Cognito::UserPool":
            pool = resource["Properties"]["UserPoolName"].rpartition("-")[2]
            arn = f"arn:aws:cognito-idp:{region}:{ACCOUNT}:userpool/{region}_{pool}"
            arns[logical_id] = targets[pool] = arn
    table = only(resources, "AWS::DynamoDB::GlobalTable", "DataUsersTable")
    arns[table] = targets["table"] = f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/users"
    role = function_role(resources, "ApiApiFunction")
    pools = [target for target in targets if target != "table"]
    cases = [(pool, f"cognito-idp:{action}") for pool in pools for action in POOL_ACTIONS]
    cases += [("table", f"dynamodb:{action}") for action in TABLE_ACTIONS]
    decisions = role_decisions(resources, role, arns, [(targets[t], a) for t, a in cases])
    allowed = {
        case for case, decision in zip(cases, decisions, strict=True) if decision == "Allowed"
    }
    expected = {
        ("users", f"cognito-idp:{action}") for action in ("AdminGetUser", "AdminDeleteUser")
    }
    expected |= {("table", f"dynamodb:{action}") for action in TABLE_ACTIONS[:4]}
    if config.PROJECT.admin_pool:
        expected |= {("users", f"cognito-idp:{action}") for action in ADMINISTRATION}
    if config.PROJECT.admin_pool or {"posts", "messages"} & set(config.TABLES):  # board, chat
        expected.add(("table", "dynamodb:BatchGetItem"))
    assert allowed == expected


def test_phone_sign_up_is_verified_by_sms_unless_auto_verified(synth_with):
    by_sms = user_pool(synth_with(login_id="phone", auto_verify=False))
    assert by_sms["AutoVerifiedAttributes"] == ["phone_number"]
    assert "SnsCallerArn" in by_sms["SmsConfiguration"]
    auto = user_pool(synth_with(login_id="phone", auto_verify=True))
    assert auto["AutoVerifiedAttributes"] == []  # the pre-sign-up trigger verifies phones
    assert "SnsCallerArn" in auto["SmsConfiguration"]  # password-reset codes still go by SMS
    email_only = user_pool(synth_with(login_id="email", auto_verify=False))
    assert email_only["AutoVerifiedAttributes"] == ["email"]
    assert "SmsConfiguration" not in email_only


# Recovery mechanisms by priority: e-mail first where users have one; phone-only users by SMS.
RECOVERY = {
    "email": ["verified_email"],
    "phone": ["verified_phone_number", "verified_email"],
    "email_or_phone": ["verified_email", "verified_phone_number"],
}


def test_every_user_can_reset_a_forgotten_password(synth_with):
    for login_id, mechanisms in RECOVERY.items():
        for auto_verify in (False, True):
            pool = user_pool(synth_with(login_id=login_id, auto_verify=auto_verify))
            recovery = pool["AccountRecoverySetting"]["RecoveryMechanisms"]
            by_priority = sorted(recovery, key=lambda mechanism: mechanism["Priority"])
            assert [m["Name"] for m in by_priority] == mechanisms, (login_id, auto_verify)
            # a reset code to a phone needs the pool's SMS role
            assert ("verified_phone_number" in mechanisms) == ("SmsConfiguration" in pool)


@pytest.mark.parametrize(
    ("mfa", "login_id", "configuration", "factors"),
    [
        ("off", "email_or_phone", "OFF", None),
        ("optional", "email", "OPTIONAL", ["SOFTWARE_TOKEN_MFA"]),
        ("required", "phone", "ON", ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]),
    ],
)
def test_user_mfa_follows_the_answer(synth_with, stack_with, mfa, login_id, configuration, factors):
    """TOTP, and SMS where users sign in with phones; cdk-nag's COG2 (MFA not required) is
    acknowledged exactly when MFA is not required (the synth fails on an unacknowledged one)."""
    pool = user_pool(synth_with(mfa=mfa, login_id=login_id))
    assert pool["MfaConfiguration"] == configuration
    assert sorted(pool.get("EnabledMfas") or []) == sorted(factors or [])
    user_pool_node = stack_with(mfa=mfa).node.find_child("Auth").node.find_child("UserPool")
    acknowledged = json.dumps([entry.data for entry in user_pool_node.node.metadata])
    assert ("AwsSolutions-COG2" in acknowledged) == (mfa != "required")


def test_the_pool_mails_through_ses_from_the_stage_sender(synth_stage):
    pool = user_pool(synth_stage(email_sender="no-reply@mail.shop.example"))
    email = pool["EmailConfiguration"]
    assert (email["EmailSendingAccount"], email["From"]) == (
        "DEVELOPER",
        "no-reply@mail.shop.example",
    )
    assert "identity/mail.shop.example" in json.dumps(email["SourceArn"])


def policy_actions(template, role_fragment: str) -> set[str]:
    actions = set()
    for policy in template.find_resources("AWS::IAM::Policy").values():
        if role_fragment in json.dumps(policy["Properties"]["Roles"]):
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
                action = statement["Action"]
                actions.update([action] if isinstance(action, str) else action)
    return actions


def test_pre_sign_up_serves_auto_verify_and_social_sign_in(synth_with):
    social = synth_with(auto_verify=False, social_providers=("google",))
    assert "triggers.pre_sign_up.handler" in functions_by_handler(social)
    assert set(user_pool(social)["LambdaConfig"]) == {
        "PreSignUp",
        "PostConfirmation",
        "CustomMessage",
    }
    # Finds users by e-mail and links identities, in this pool only.
    linking = [
        policy["Properties"]
        for policy in social.find_resources("AWS::IAM::Policy").values()
        if "cognito-idp:AdminLinkProviderForUser" in json.dumps(policy)
    ]
    ((statement,),) = [policy["PolicyDocument"]["Statement"] for policy in linking]
    assert set(statement["Action"]) == {
        "cognito-idp:ListUsers",
        "cognito-idp:AdminLinkProviderForUser",
    }
    (pool_id,) = [
        logical_id
        for logical_id, pool in social.find_resources("AWS::Cognito::UserPool").items()
        if pool["Properties"]["UserPoolName"].endswith("-users")
    ]
    assert statement["Resource"] == {"Fn::GetAtt": [pool_id, "Arn"]}
    assert "PreSignUp" in json.dumps(linking[0]["Roles"])
    auto_only = synth_with(auto_verify=True, social_providers=())
    assert "AdminLinkProviderForUser" not in json.dumps(auto_only.to_json())
    trigger = functions_by_handler(auto_only)["triggers.pre_sign_up.handler"]
    role = trigger["Properties"]["Role"]["Fn::GetAtt"][0]
    assert "cognito-idp:ListUsers" not in policy_actions(auto_only, role)  # the API's own may


def test_nothing_sends_sms_but_cognito(dev_template):
    """Our functions send no SMS (the pool's own SMS role does); none may publish to SNS."""
    for name, function in functions_by_handler(dev_template).items():
        role = function["Properties"]["Role"]["Fn::GetAtt"][0]
        assert "sns:Publish" not in policy_actions(dev_template, role), name
