"""Cognito user pools' Lambda triggers, run when Cognito runs them (moto runs none), and what
moto lacks of their API: AdminLinkProviderForUser, MFA challenges as AWS words them, TOTP codes
checked against the secret, ListUsers' refusal of a bad pagination token.

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
"""

import base64
import json
import re
import secrets
import time
import urllib.request
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID

from . import srp
from .mailbox import Mailbox, Message, as_text, now
from .wsgi import AwsError, forward, read_body, with_body


class TriggerFailed(Exception):
    pass


class UserPools:
    """What Cognito user pools do and moto does not.

    Lambda triggers: a pool's LambdaConfig (local/bootstrap.py sets the infra's) names the
    functions, invoked synchronously through the Lambda Invoke API at `--lambda-url` (the local
    gateway runs the handlers) with Cognito's events, exactly when Cognito invokes them
    (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html):
    - pre-sign-up before SignUp (PreSignUp_SignUp) and AdminCreateUser (PreSignUp_AdminCreateUser)
      create the user; an error refuses it (UserLambdaValidationException); after a sign-up its
      autoConfirmUser, autoVerifyEmail and autoVerifyPhone are applied (AdminCreateUser ignores
      them);
    - post-confirmation (PostConfirmation_ConfirmSignUp) after ConfirmSignUp, AdminConfirmSignUp
      and a sign-up the pre-sign-up trigger confirmed. Never for AdminCreateUser, nor when such a
      user sets a password: Cognito does not run it for operator-created users.
    AdminLinkProviderForUser: the provider's identity joins the destination user's `identities`
    attribute, as on AWS, refused when the identity has already signed in (it is a user then).
    """

    OPERATIONS = ("SignUp", "AdminCreateUser", "ConfirmSignUp", "AdminConfirmSignUp")
    # Cognito's codes, sent and checked by the mailbox (moto does neither).
    CODE_STEPS = ("ForgotPassword", "ConfirmForgotPassword", "ResendConfirmationCode")
    SIGN_IN_STEPS = (
        "InitiateAuth",
        "RespondToAuthChallenge",
        "AdminInitiateAuth",
        "AdminRespondToAuthChallenge",
    )

    def __init__(self, lambda_url: str | None, mailbox: Mailbox) -> None:
        self.lambda_url = lambda_url
        self.mailbox = mailbox
        self.srp_challenges: dict[str, srp.Challenge] = {}  # by the sign-in's session

    def serves(self, operation: str) -> bool:
        """Whether the operation is one this model answers (else moto alone does)."""
        return operation in (
            *self.OPERATIONS,
            *self.SIGN_IN_STEPS,
            *self.CODE_STEPS,
            "ListUsers",
            "SetUserMFAPreference",
        )

    def serve(self, operation: str, environ, moto) -> tuple[str, list, bytes]:
        """The answer to an operation it serves: moto's, with what Cognito does around it."""
        if operation in self.OPERATIONS:
            return self.call(operation, environ, moto)
        if operation in self.SIGN_IN_STEPS:
            return self.sign_in_step(operation, environ, moto)
        if operation in self.CODE_STEPS:
            return self.code_step(operation, environ, moto)
        if operation == "SetUserMFAPreference":
            return self.mfa_preference(environ, moto)
        return self.list_users(environ, moto)

    @staticmethod
    def mfa_preference(environ, moto) -> tuple[str, list, bytes]:
        """SetUserMFAPreference by moto; a user who turns the authenticator off is asked for no
        code at sign-in, as on AWS where MFA is optional (moto's SRP sign-in asks everyone who
        once verified one)."""
        request = json.loads(read_body(environ) or b"{}")
        status, headers, body = forward(moto, environ)
        if (
            status.startswith("200")
            and (request.get("SoftwareTokenMfaSettings") or {}).get("Enabled") is False
        ):
            for pool in every_pool():
                if request.get("AccessToken") in pool.access_tokens:
                    _client, username = pool.access_tokens[request["AccessToken"]]
                    pool._get_user(username).token_verified = False
        return status, headers, body

    @staticmethod
    def pool(pool_id: str):
        backend = backend_of(pool_id.split("_")[0])
        if pool_id not in backend.user_pools:
            raise AwsError(400, "ResourceNotFoundException", f"User pool {pool_id} does not exist.")
        return backend.user_pools[pool_id]

    @staticmethod
    def pool_of_client(client_id: str):
        for pool in every_pool():
            if client_id in pool.clients:
                return pool
        raise AwsError(400, "ResourceNotFoundException", f"Client {client_id} does not exist.")

    def pool_of_request(self, request: dict[str, Any]):
        """The pool an operation is about: named (admin operations), or its app client's."""
        if "UserPoolId" in request:
            return self.pool(request["UserPoolId"])
        return self.pool_of_client(request.get("ClientId") or "")

    def invoke(self, pool, trigger: str, event: dict[str, Any]) -> dict[str, Any]:
        """The trigger's answer (the event it returns); TriggerFailed if it raised."""
        arn = (pool.extended_config.get("LambdaConfig") or {}).get(trigger)
        if not arn or not self.lambda_url:
            return event
        request = urllib.request.Request(  # noqa: S310 (the local gateway)
            invocation_url(self.lambda_url, arn),
            data=json.dumps(event).encode(),
            headers={"X-Amz-Invocation-Type": "RequestResponse"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            answer = json.loads(response.read() or b"null")
            if response.headers.get("X-Amz-Function-Error"):
                raise TriggerFailed(f"{trigger} failed with error {answer['errorMessage']}.")
        return answer

    def pre_sign_up(self, operation: str, pool, request: dict, client_id: str) -> dict[str, Any]:
        """The pre-sign-up trigger's answer for a new user: autoConfirmUser and the rest."""
        from ..events import cognito_event

        event = cognito_event(
            f"PreSignUp_{operation}",
            {a["Name"]: a["Value"] for a in request.get("UserAttributes") or []},
            request["Username"],
            user_pool_id=pool.id,
            region=pool.region,
            client_id=client_id,
            validationData={a["Name"]: a["Value"] for a in request.get("ValidationData") or []},
            clientMetadata=request.get("ClientMetadata") or {},
        )
        event["response"] = dict.fromkeys(["autoConfirmUser", *AUTO_VERIFY.values()], False)
        return self.invoke(pool, "PreSignUp", event)["response"]

    def post_confirmation(self, pool, username: str, client_id: str) -> None:
        from ..events import cognito_event

        user = pool._get_user(username)
        event = cognito_event(
            "PostConfirmation_ConfirmSignUp",
            {**user.attribute_lookup, "cognito:user_status": "CONFIRMED"},
            user.username,
            user_pool_id=pool.id,
            region=pool.region,
            client_id=client_id,
        )
        self.invoke(pool, "PostConfirmation", event)

    def send_code(
        self, pool, source: str, username: str, answer: dict, request: dict, code: str = ""
    ) -> None:
        """Cognito sending the code of `source` (a random one, unless given) where moto's
        `answer` says it went, in the words of the pool's custom message trigger (else
        Cognito's default), to the mailbox, which keeps the codes it expects back.
        https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html"""
        from ..events import cognito_event

        delivery = answer.get("CodeDeliveryDetails")
        user = pool._get_user(username)
        if not delivery or user is None:
            return
        code = code or f"{secrets.randbelow(10**6):06d}"
        event = cognito_event(
            source,
            dict(user.attribute_lookup),
            user.username,
            user_pool_id=pool.id,
            region=pool.region,
            client_id=request.get("ClientId") or "CLIENT_ID_NOT_APPLICABLE",
            codeParameter=CODE_PARAMETER,
            linkParameter="{##Click Here##}",
            usernameParameter=USERNAME_PARAMETER if source.endswith("AdminCreateUser") else None,
            clientMetadata=request.get("ClientMetadata") or {},
        )
        event["response"] = {"smsMessage": None, "emailMessage": None, "emailSubject": None}
        words = self.invoke(pool, "CustomMessage", event)["response"]
        email = delivery["DeliveryMedium"] == "EMAIL"
        words_sent = words.get("emailMessage" if email else "smsMessage") or DEFAULT_MESSAGE
        body = words_sent.replace(CODE_PARAMETER, code).replace(USERNAME_PARAMETER, user.username)
        if CODE_PURPOSES[source]:
            key = (pool.id, user.username, CODE_PURPOSES[source])
            self.mailbox.expect_code(key, code, delivery["AttributeName"])
        self.mailbox.keep(
            Message(
                at=now(),
                medium=delivery["DeliveryMedium"],
                to=user.attribute_lookup.get(delivery["AttributeName"], ""),
                subject=(words.get("emailSubject") or DEFAULT_SUBJECT) if email else body,
                text=as_text(body) if email else body,
                html=body if email else "",
                code=code,
            )
        )

    def check_code(self, pool, username: str, purpose: str, code: str) -> str | None:
        """The mailbox's check of a code that came back (Mailbox.check_code), for the user."""
        user = pool._get_user(username)
        return self.mailbox.check_code(
            (pool.id, user.username if user else username, purpose), code
        )

    def call(self, operation: str, environ, moto) -> tuple[str, list, bytes]:
        """Forward one of OPERATIONS to moto, with the triggers Cognito runs around it."""
        from moto.cognitoidp.models import UserStatus

        request = json.loads(read_body(environ) or b"{}")
        client_id = request.get("ClientId") or "CLIENT_ID_NOT_APPLICABLE"
        pool = self.pool_of_request(request)
        answer = {}
        if operation in ("SignUp", "AdminCreateUser"):
            answer = self.pre_sign_up(operation, pool, request, client_id)
        proven = None  # the attribute a sign-up's code was sent to
        if operation == "ConfirmSignUp":
            code = request.get("ConfirmationCode", "")
            proven = self.check_code(pool, request.get("Username", ""), "sign-up", code)
        status, headers, body = forward(moto, environ)
        if not status.startswith("200"):
            return status, headers, body
        if operation == "AdminCreateUser":
            if request.get("MessageAction") != "SUPPRESS":
                self.invite(pool, request)
            return status, headers, body
        if operation == "SignUp":
            user = pool._get_user(request["Username"])
            verified = [name for name, key in AUTO_VERIFY.items() if answer.get(key)]
            user.update_attributes(
                [{"Name": f"{name}_verified", "Value": "true"} for name in verified]
            )
            if not answer.get("autoConfirmUser"):
                signed_up = json.loads(body)
                self.send_code(pool, "CustomMessage_SignUp", user.username, signed_up, request)
                return status, headers, body
            user.status = UserStatus.CONFIRMED
            headers, body = with_body(headers, {**json.loads(body), "UserConfirmed": True})
        if proven:  # the code proved the address (moto marks nothing verified)
            user = pool._get_user(request["Username"])
            user.update_attributes([{"Name": f"{proven}_verified", "Value": "true"}])
        self.post_confirmation(pool, request["Username"], client_id)
        return status, headers, body

    def invite(self, pool, request: dict[str, Any]) -> None:
        """AdminCreateUser's invitation, by each medium asked (SMS unless told), with the
        temporary password, one Cognito makes up if the operator gave none
        (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html)."""
        user = pool._get_user(request["Username"])
        if not user.password:
            user.password = f"{secrets.token_urlsafe(9)}-Aa1"
        for medium in request.get("DesiredDeliveryMediums") or ["SMS"]:
            attribute = "email" if medium == "EMAIL" else "phone_number"
            if attribute in user.attribute_lookup:
                delivery = {"DeliveryMedium": medium, "AttributeName": attribute}
                self.send_code(
                    pool,
                    "CustomMessage_AdminCreateUser",
                    user.username,
                    {"CodeDeliveryDetails": delivery},
                    request,
                    code=user.password,
                )

    def code_step(self, operation: str, environ, moto) -> tuple[str, list, bytes]:
        """One of CODE_STEPS: ForgotPassword by moto, its code sent by the mailbox; the code
        of ConfirmForgotPassword checked before moto resets the password; ResendConfirmationCode,
        which moto lacks. For an unknown user, the answer Cognito simulates: a code sent
        (unknown_user)."""
        request = json.loads(read_body(environ) or b"{}")
        pool = self.pool_of_client(request.get("ClientId", ""))
        username = str(request.get("Username", ""))
        if operation == "ConfirmForgotPassword":
            code = request.get("ConfirmationCode", "")
            self.check_code(pool, username, "password reset", code)
            return forward(moto, environ)
        if operation == "ForgotPassword":
            status, headers, body = forward(moto, environ)
        else:
            status, headers, body = self.resend_code(pool, username)
        if unknown_user(status, body):
            email = "@" in username
            details = {
                "Destination": f"{username[:1]}***",
                "DeliveryMedium": "EMAIL" if email else "SMS",
                "AttributeName": "email" if email else "phone_number",
            }
            return "200 OK", *with_body(headers, {"CodeDeliveryDetails": details})
        if status.startswith("200"):
            source = MESSAGE_SOURCES[operation]
            self.send_code(pool, source, username, json.loads(body), request)
        return status, headers, body

    @staticmethod
    def resend_code(pool, username: str) -> tuple[str, list, bytes]:
        """ResendConfirmationCode's answer: where the code goes, for an unconfirmed user
        (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html)."""
        from moto.cognitoidp.models import UserStatus

        headers = [("Content-Type", "application/x-amz-json-1.1")]
        user = pool._get_user(username)
        if user is None:
            error = {"__type": "UserNotFoundException", "message": "User does not exist."}
            return "400 Bad Request", *with_body(headers, error)
        if user.status != UserStatus.UNCONFIRMED:
            error = {"__type": "InvalidParameterException", "message": "User is already confirmed."}
            return "400 Bad Request", *with_body(headers, error)
        recovery = pool.extended_config.get("AccountRecoverySetting")
        details = backend_of(pool.region)._get_code_delivery_details(recovery, user, user.username)
        return "200 OK", *with_body(headers, {"CodeDeliveryDetails": details})

    @staticmethod
    def list_users(environ, moto) -> tuple[str, list, bytes]:
        """ListUsers by moto; a PaginationToken it did not give refused as Cognito refuses one,
        with InvalidParameterException (moto: InvalidToken, or a crash on some)."""
        token = json.loads(read_body(environ) or b"{}").get("PaginationToken")
        if token is not None and not moto_token(token):
            raise AwsError(400, "InvalidParameterException", PAGING_MARKER_REFUSED)
        status, headers, body = forward(moto, environ)
        if token is not None and b"InvalidToken" in body and not status.startswith("200"):
            raise AwsError(400, "InvalidParameterException", PAGING_MARKER_REFUSED)
        return status, headers, body

    def sign_in_step(self, operation: str, environ, moto) -> tuple[str, list, bytes]:
        """One of SIGN_IN_STEPS, by moto, with MFAS_CAN_SETUP as Cognito writes it: JSON text,
        `["SOFTWARE_TOKEN_MFA"]`, which Amplify parses with JSON.parse; an unknown user's
        sign-in answered as a wrong password (unknown_user); a password sign-in that moto lets
        through without the second factor a pool requires led to its setup (mfa_setup); SRP's
        proof of the password checked (srp.py; moto checks none)."""
        request = json.loads(read_body(environ) or b"{}")
        if request.get("ChallengeName") == "PASSWORD_VERIFIER":
            challenge = self.srp_challenges.pop(request.get("Session", ""), None)
            if challenge and not challenge.proves_password(request.get("ChallengeResponses", {})):
                raise AwsError(400, HIDDEN_USER["__type"], HIDDEN_USER["message"])
        status, headers, body = forward(moto, environ)
        if not operation.startswith("Admin") and unknown_user(status, body):
            return "400 Bad Request", *with_body(headers, HIDDEN_USER)
        answer = json.loads(body or b"{}") if status.startswith("200") else {}
        if "AuthenticationResult" in answer and request.get("AuthFlow") in PASSWORD_FLOWS:
            answer = self.mfa_setup(request) or answer
            headers, body = with_body(headers, answer)
        if answer.get("ChallengeName") == "PASSWORD_VERIFIER":
            answer = self.srp_challenge(request, answer)
            headers, body = with_body(headers, answer)
        parameters = answer.get("ChallengeParameters") or {}
        if "MFAS_CAN_SETUP" in parameters:  # moto: "['SOFTWARE_TOKEN_MFA']"
            factors = re.findall(r"\w+", parameters["MFAS_CAN_SETUP"])
            parameters["MFAS_CAN_SETUP"] = json.dumps(factors, separators=(",", ":"))
            headers, body = with_body(headers, answer)
        return status, headers, body

    def srp_challenge(self, request: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
        """moto's PASSWORD_VERIFIER challenge with the numbers Cognito's would have: a B made
        from the user's password, kept to check the proof that answers it."""
        pool = self.pool_of_client(request["ClientId"])
        parameters = answer["ChallengeParameters"]
        user = pool._get_user(parameters["USERNAME"])
        challenge = srp.Challenge.start(
            pool.id,
            parameters["USER_ID_FOR_SRP"],
            user.password,
            request["AuthParameters"]["SRP_A"],
            parameters["SECRET_BLOCK"],
        )
        self.srp_challenges[answer["Session"]] = challenge
        return {**answer, "ChallengeParameters": {**parameters, **challenge.parameters()}}

    def mfa_setup(self, request: dict[str, Any]) -> dict[str, Any] | None:
        """MFA_SETUP where the pool requires MFA and the user has no authenticator yet: Cognito
        asks for it in every sign-in flow, moto only in SRP's.
        https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html"""
        pool = self.pool_of_request(request)
        user = pool._get_user(request["AuthParameters"]["USERNAME"])
        if pool.mfa_config != "ON" or user.token_verified:
            return None
        factors = ["SOFTWARE_TOKEN_MFA"] + (["SMS_MFA"] if pool.sms_mfa_config else [])
        session = secrets.token_urlsafe(32)
        # moto's own sign-in sessions: AssociateSoftwareToken, VerifySoftwareToken and the
        # challenge's answer take it as they take SRP's.
        backend_of(pool.region).sessions[session] = (user.username, pool)
        return {
            "ChallengeName": "MFA_SETUP",
            "ChallengeParameters": {"MFAS_CAN_SETUP": str(factors)},  # as moto words it
            "Session": session,
        }

    def link_provider(self, request: dict[str, Any]) -> dict[str, Any]:
        """AdminLinkProviderForUser (https://docs.aws.amazon.com/cognito-user-identity-pools/
        latest/APIReference/API_AdminLinkProviderForUser.html)."""
        pool = self.pool(request["UserPoolId"])
        destination, source = request["DestinationUser"], request["SourceUser"]
        user = pool._get_user(destination["ProviderAttributeValue"])
        if destination.get("ProviderName") != "Cognito" or user is None:
            raise AwsError(400, "UserNotFoundException", "User does not exist.")
        provider, subject = source["ProviderName"], source["ProviderAttributeValue"]
        if provider not in pool.identity_providers:
            raise AwsError(400, "InvalidParameterException", f"{provider} is not a provider")
        if pool._get_user(f"{provider}_{subject}"):
            message = (
                "Merging is not currently supported, provide a SourceUser that has not been "
                "signed up in order to link"
            )
            raise AwsError(400, "InvalidParameterException", message)
        identities = json.loads(user.attribute_lookup.get("identities") or "[]")
        identities.append(
            {
                "userId": subject,
                "providerName": provider,
                "providerType": pool.identity_providers[provider].extended_config["ProviderType"],
                "issuer": None,
                "primary": False,
                "dateCreated": int(time.time() * 1000),
            }
        )
        user.update_attributes([{"Name": "identities", "Value": json.dumps(identities)}])
        return {}


# The trigger source of each code Cognito sends, and what the code is for.
CODE_PURPOSES = {
    "CustomMessage_SignUp": "sign-up",
    "CustomMessage_ResendCode": "sign-up",
    "CustomMessage_ForgotPassword": "password reset",
    "CustomMessage_AdminCreateUser": None,  # the temporary password: moto checks it
}
CODE_PARAMETER = "{####}"
USERNAME_PARAMETER = "{username}"
# Cognito's words where a pool has no custom message trigger (its default verification message).
DEFAULT_SUBJECT = "Your verification code"
DEFAULT_MESSAGE = f"Your verification code is {CODE_PARAMETER}. "

# The custom message of the code each of UserPools.CODE_STEPS sends.
MESSAGE_SOURCES = {
    "ForgotPassword": "CustomMessage_ForgotPassword",
    "ResendConfirmationCode": "CustomMessage_ResendCode",
}

# The sign-in flows that send the password itself (SRP's is moto's own MFA_SETUP).
PASSWORD_FLOWS = ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")

# Every app client of ours prevents user existence errors (infra auth.py's web_client): Cognito
# answers an unknown user's sign-in as a wrong password, and a password reset as if it sent a
# code; moto says "User does not exist." Admin operations are not affected.
# https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
HIDDEN_USER = {"__type": "NotAuthorizedException", "message": "Incorrect username or password."}


# Cognito refuses a pagination token it did not give ("Paging marker <token> is invalid for
# request <id>", https://github.com/aws/aws-sdk-js/issues/3705) with InvalidParameterException.
PAGING_MARKER_REFUSED = "Paging marker is invalid for this request."


def moto_token(token: str) -> bool:
    """Whether a pagination token is of the kind moto gives (base64 of a JSON object)."""
    try:
        return isinstance(json.loads(base64.b64decode(token, validate=True)), dict)
    except ValueError:  # not base64, not UTF-8, not JSON
        return False


def backend_of(region: str):
    """moto's Cognito user pools of a region."""
    from moto.cognitoidp.models import cognitoidp_backends

    return cognitoidp_backends[DEFAULT_ACCOUNT_ID][region]


def every_pool():
    """Every user pool moto holds, in every region."""
    from moto.cognitoidp.models import cognitoidp_backends

    for backend in cognitoidp_backends[DEFAULT_ACCOUNT_ID].values():
        yield from backend.user_pools.values()


def unknown_user(status: str, body: bytes) -> bool:
    return not status.startswith("200") and b"UserNotFoundException" in body


# A pre-sign-up answer's flags that mark an attribute verified.
AUTO_VERIFY = {"email": "autoVerifyEmail", "phone_number": "autoVerifyPhone"}


def invocation_url(lambda_url: str, function_arn: str) -> str:
    """Lambda's Invoke API for a function ARN, at the local gateway."""
    name = function_arn.split(":function:")[-1].split(":")[0]
    return f"{lambda_url.rstrip('/')}/2015-03-31/functions/{name}/invocations"
