"""The offline AWS: moto's server, plus what AWS does that moto leaves out.

`make dev` runs it as its own process (`python -m local.aws`); the tests run it in a thread
(`serve_in_thread`). A WSGI layer in front of moto adds back, each as AWS documents it:

- Cognito identity pools: GetId checks the login token and gives the same user the same identity
  id every time; GetCredentialsForIdentity hands out credentials that belong to that identity;
  DescribeIdentity and DeleteIdentities see and remove them (credentials already issued work on
  until they expire). (moto: a new random id on every call, one set of credentials for
  everybody, no DescribeIdentity or DeleteIdentities.)
  https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html
  https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DeleteIdentities.html
- S3 allows those credentials only what the identity pool's role allows (config.STORAGE_LEVELS
  and SHARED_LEVELS, which infra/storage.py turns into the role's policy; moto enforces no IAM),
  and nobody reads an object a moderator took down (config.TAKEDOWN_TAG, the bucket's policy).
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
- S3 enforces a browser form's POST policy: expiration, every condition, the size range, no
  field without a condition. (moto stores whatever is posted.)
  https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
- S3 refuses Signature Version 2 (presigned URLs, forms, headers), as it does for every bucket
  created since June 2020; moto takes it.
  https://docs.aws.amazon.com/AmazonS3/latest/API/specify-signature-version.html
- Cognito's RevokeToken (Amplify's sign-out), which moto lacks, is accepted.
- SRP sign-in (Amplify's) proves the password: the challenge's B comes from the user's password
  and the client's signature is checked (srp.py); moto sends random numbers and takes any proof.
- Cognito's MFA as AWS runs it: an MFA_SETUP challenge lists the factors to set up as JSON text
  (moto: a Python list's repr, which Amplify cannot parse), a pool that requires MFA asks for
  it in every sign-in flow (moto: SRP's only), and TOTP codes are checked against the secret
  AssociateSoftwareToken gave (moto: any code, unless told to check).
  https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
- Cognito's codes are sent and checked: a sign-up's, its resend's (ResendConfirmationCode, which
  moto lacks) and a password reset's, random, written by the pool's custom message trigger, kept
  with the product's SES mail in a mailbox (/_mail; the dev log says each in one line); another
  code is refused. (moto sends none and takes any code.)
- Cognito's ListUsers refuses a pagination token it did not give with InvalidParameterException
  (moto: InvalidToken, or a 500).
  https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
- Browsers can read the answers above: CORS headers as AWS sends them.
- S3 event notifications reach their Lambda functions: moto builds the event from the bucket's
  notification configuration, and it is sent, as an asynchronous invocation, to the Lambda Invoke
  API at `--lambda-url` (the local gateway), instead of to moto's Docker-run Lambda.
- Cognito user pools run their Lambda triggers (moto runs none), at the moments Cognito does, so
  an operator-created user gets no post-confirmation, as on AWS; and AdminLinkProviderForUser
  exists (moto has none). `user_pools.UserPools` says what each does.
Request signatures are not checked (moto does not either): this is a model of the rules, not a
security boundary, and it listens on loopback only.

One module per service (identity_pools, user_pools with srp, s3, mailbox); front routes each
request to its model or to moto; wsgi holds what they share.
"""

from .front import serve_in_thread

__all__ = ["serve_in_thread"]
