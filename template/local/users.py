"""`make user EMAIL=… PASSWORD=… [PHONE=…] [ADMIN=1]`: a confirmed user on the running stack.

Created as an operator creates one (AdminCreateUser), so, as on AWS, no post-confirmation runs:
the API creates the profile on the user's first request. Prints an id token from
USER_PASSWORD_AUTH on the pool's client. Again for the same login, it sets the password anew and
prints a fresh token; a refused password leaves no user behind. `make token` (`--sign-in`) signs
an existing user in. Cognito's refusals are one sentence.

Where the pool requires MFA (the admin pool; the user pool with `mfa: required`), Cognito asks
for an authenticator at the first sign-in: this sets one up, prints its key for the person's
authenticator app, keeps it in AUTHENTICATORS and answers later sign-ins with its codes.
"""

import argparse
import base64
import json
import os
import sys
import time

import boto3
from botocore.exceptions import ClientError, EndpointConnectionError
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP

from stacks import outputs as keys
from stacks.config import LOCAL_STATE_FILE, PASSWORD_RULES, PROJECT

from .bootstrap import app_environment

NOT_RUNNING = "The local stack is not running: start it with `make dev` first."
# The authenticator keys set up here, a file per login: the local operator's authenticator app.
AUTHENTICATORS = LOCAL_STATE_FILE.with_name("local-authenticators")


def load_state() -> dict:
    if not LOCAL_STATE_FILE.exists():
        raise SystemExit(NOT_RUNNING)
    return json.loads(LOCAL_STATE_FILE.read_text())


def pool_and_login(
    values: dict[str, str], *, email: str | None, phone: str | None, admin: bool
) -> tuple[str, str, str]:
    """The pool, its app client and the login a user signs in with there."""
    # Administrators live in the admin pool, or without one in the user pool's admin group.
    user_pool = not (admin and keys.ADMIN_USER_POOL_ID in values)
    if user_pool:
        pool_id, client_id = values[keys.USER_POOL_ID], values[keys.USER_POOL_CLIENT_ID]
    else:
        pool_id, client_id = values[keys.ADMIN_USER_POOL_ID], values[keys.ADMIN_USER_POOL_CLIENT_ID]
    by_phone = PROJECT.login_id == "phone" and user_pool
    login = phone if by_phone else email or phone
    if not login:
        needed = "PHONE=+15555550100" if by_phone else "EMAIL=…"
        raise SystemExit(f"Give {needed}: it is how this pool signs users in.")
    return pool_id, client_id, login


def create_user(
    endpoint: str | None,
    values: dict[str, str],
    *,
    password: str,
    email: str | None = None,
    phone: str | None = None,
    admin: bool = False,
) -> dict[str, str]:
    """Create and confirm a user; returns its sub, username and id token."""
    if endpoint:  # the local stack; None: AWS, with the operator's credentials (make seed)
        os.environ.update(app_environment(endpoint, values))
    pool_id, client_id, login = pool_and_login(values, email=email, phone=phone, admin=admin)
    attributes = {"email": email, "email_verified": "true"} if email else {}
    if phone:
        attributes |= {"phone_number": phone, "phone_number_verified": "true"}
    cognito = boto3.client("cognito-idp", region_name=PROJECT.region)
    try:
        user = cognito.admin_create_user(
            UserPoolId=pool_id,
            Username=login,
            UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
            MessageAction="SUPPRESS",
        )["User"]
        username, created = user["Username"], True
    except cognito.exceptions.UsernameExistsException:  # again: a new password, a fresh token
        user = cognito.admin_get_user(UserPoolId=pool_id, Username=login)
        user["Attributes"] = user.pop("UserAttributes")
        username, created = user["Username"], False
    try:
        cognito.admin_set_user_password(
            UserPoolId=pool_id, Username=login, Password=password, Permanent=True
        )
    except cognito.exceptions.InvalidPasswordException:
        if created:  # nothing half-made stays behind to block the retry
            cognito.admin_delete_user(UserPoolId=pool_id, Username=login)
        raise SystemExit(f"The password is too weak: {PASSWORD_RULES.described}.") from None
    user_attributes = {a["Name"]: a["Value"] for a in user["Attributes"]}
    if admin:
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=login, GroupName="admin")
    return {
        "sub": user_attributes["sub"],
        "username": username,
        "id_token": sign_in(cognito, client_id, login, password)["IdToken"],
    }


def sign_in(cognito, client_id: str, login: str, password: str) -> dict[str, str]:
    """The tokens of USER_PASSWORD_AUTH (`make token` prints the id token), with the second
    factor where the pool asks for one: an authenticator set up at the first sign-in, its code
    after."""
    answer = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": login, "PASSWORD": password},
    )
    if answer.get("ChallengeName") == "MFA_SETUP":
        key = cognito.associate_software_token(Session=answer["Session"])["SecretCode"]
        AUTHENTICATORS.mkdir(exist_ok=True)
        (AUTHENTICATORS / login).write_text(key)
        print(f"{login}'s authenticator key (for an authenticator app): {key}", file=sys.stderr)
        verified = cognito.verify_software_token(Session=answer["Session"], UserCode=code(key))
        answer = cognito.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="MFA_SETUP",
            Session=verified["Session"],
            ChallengeResponses={"USERNAME": login},
        )
    elif answer.get("ChallengeName") == "SOFTWARE_TOKEN_MFA":
        if not (AUTHENTICATORS / login).exists():
            raise SystemExit(f"{login} signs in with an authenticator this machine has no key of.")
        key = (AUTHENTICATORS / login).read_text()
        answer = cognito.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=answer["Session"],
            ChallengeResponses={"USERNAME": login, "SOFTWARE_TOKEN_MFA_CODE": code(key)},
        )
    return answer["AuthenticationResult"]


def code(key: str) -> str:
    """The authenticator's code now (RFC 6238, as the apps compute it); the next period's when
    this one ends within a second, since Cognito takes the current one."""
    if 30 - time.time() % 30 < 1:
        time.sleep(1)
    secret = base64.b32decode(key + "=" * (-len(key) % 8), casefold=True)
    # moto's one key is shorter than the 160 bits RFC 4226 asks for; Cognito's are not.
    totp = TOTP(secret, 6, SHA1(), 30, enforce_key_length=False)  # noqa: S303
    return totp.generate(time.time()).decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--email", default=os.environ.get("EMAIL") or None)
    parser.add_argument("--phone", default=os.environ.get("PHONE") or None)
    parser.add_argument("--password", default=os.environ.get("PASSWORD") or None, required=False)
    parser.add_argument("--admin", action="store_true", default=os.environ.get("ADMIN") == "1")
    parser.add_argument("--sign-in", action="store_true", help="an existing user's id token")
    args = parser.parse_args()
    if not args.password:
        raise SystemExit(f"Give PASSWORD=… ({PASSWORD_RULES.described})")
    state = load_state()
    who = {"email": args.email, "phone": args.phone, "admin": args.admin}
    try:
        if args.sign_in:
            _pool_id, client_id, login = pool_and_login(state["values"], **who)
            os.environ.update(app_environment(state["endpoint"], state["values"]))
            tokens = sign_in(boto3.client("cognito-idp"), client_id, login, args.password)
            print(tokens["IdToken"])
            return
        user = create_user(state["endpoint"], state["values"], password=args.password, **who)
    except EndpointConnectionError:  # a state file left by a stack that was killed
        raise SystemExit(NOT_RUNNING) from None
    except ClientError as error:
        raise SystemExit(refusal(error)) from None
    print(f"user {user['username']} (sub {user['sub']}) is confirmed; its id token:\n")
    print(user["id_token"])
    api = state["values"][keys.API_URL]
    admin_route = args.admin and keys.ADMIN_USER_POOL_ID in state["values"]
    print(f'\ncurl -H "Authorization: $TOKEN" {api}{"admin/users" if admin_route else "me"}')


def refusal(error: ClientError) -> str:
    """Cognito's refusal as one sentence, with the remedy where there is one."""
    code, message = error.response["Error"]["Code"], error.response["Error"].get("Message")
    remedies = {
        "NotAuthorizedException": "Wrong login or password (or the user is disabled).",
        "UserNotFoundException": "No such user on the local stack: `make user …` creates one.",
    }
    return remedies.get(code) or f"Cognito refused it ({code}): {message or 'no reason given'}."


if __name__ == "__main__":
    main()
