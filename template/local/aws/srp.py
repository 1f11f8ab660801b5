"""Cognito's side of SRP sign-in (USER_SRP_AUTH, what Amplify signs in with), which moto answers
with random numbers and never checks: here the server's B comes from the user's password, and
the client's proof (PASSWORD_CLAIM_SIGNATURE) is checked before moto signs the user in, so a
wrong password is refused as Cognito refuses it. The password itself never crosses the wire.

The arithmetic is SRP-6a in the variant Cognito and Amplify share (the 3072-bit group of RFC
5054, SHA-256, an HKDF key "Caldera Derived Key"), as Amplify's AuthenticationHelper computes
the other side: https://datatracker.ietf.org/doc/html/rfc5054 and
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33"
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864"
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
G = 2


def padded_hex(number: int) -> str:
    """Big-endian hex of even length, with a 00 byte where the top bit is set (a positive
    number in two's complement), as both sides hash numbers."""
    text = format(number, "x")
    text = "0" + text if len(text) % 2 else text
    return "00" + text if text[0] in "89abcdef" else text


def hash_of_hex(text: str) -> int:
    return int(hashlib.sha256(bytes.fromhex(text)).hexdigest(), 16)


K = hash_of_hex(padded_hex(N) + padded_hex(G))


@dataclass
class Challenge:
    """One sign-in's server secret and what its proof is checked against."""

    pool_name: str  # the pool id after its region_
    user_id: str  # USER_ID_FOR_SRP
    verifier: int
    a_public: int  # the client's A
    b_secret: int
    b_public: int
    salt: str
    secret_block: str

    @classmethod
    def start(
        cls, pool_id: str, user_id: str, password: str, srp_a: str, secret_block: str
    ) -> "Challenge":
        pool_name = pool_id.split("_", 1)[1]
        salt = secrets.token_hex(16)
        verifier = pow(G, password_key(f"{pool_name}{user_id}", password, salt), N)
        b_secret = secrets.randbits(1024)
        b_public = (K * verifier + pow(G, b_secret, N)) % N
        return cls(
            pool_name, user_id, verifier, int(srp_a, 16), b_secret, b_public, salt, secret_block
        )

    def parameters(self) -> dict[str, str]:
        """The challenge's numbers Cognito sends (moto's SECRET_BLOCK, which it checks, stays)."""
        return {"SALT": self.salt, "SRP_B": format(self.b_public, "x")}

    def proves_password(self, responses: dict[str, str]) -> bool:
        """Whether PASSWORD_CLAIM_SIGNATURE is what only the password could have signed."""
        if self.a_public % N == 0:  # SRP's one rule for A
            return False
        u = scrambler(self.a_public, self.b_public)
        shared = pow(self.a_public * pow(self.verifier, u, N), self.b_secret, N)
        expected = signature(
            shared,
            u,
            f"{self.pool_name}{self.user_id}",
            self.secret_block,
            responses.get("TIMESTAMP", ""),
        )
        return hmac.compare_digest(expected, responses.get("PASSWORD_CLAIM_SIGNATURE", ""))


def password_key(pool_and_user: str, password: str, salt: str) -> int:
    """SRP's x: the salted hash of the user's password, which the verifier raises g to."""
    inner = hashlib.sha256(f"{pool_and_user}:{password}".encode()).hexdigest()
    return hash_of_hex(padded_hex(int(salt, 16)) + inner)


def scrambler(a_public: int, b_public: int) -> int:
    """SRP's u, from both public numbers."""
    return hash_of_hex(padded_hex(a_public) + padded_hex(b_public))


def signature(shared: int, u: int, pool_and_user: str, secret_block: str, timestamp: str) -> str:
    """PASSWORD_CLAIM_SIGNATURE: the secret block and time signed with the key both sides
    derive from their shared number (HKDF, "Caldera Derived Key")."""
    prk = hmac.digest(bytes.fromhex(padded_hex(u)), bytes.fromhex(padded_hex(shared)), "sha256")
    key = hmac.digest(prk, b"Caldera Derived Key\x01", "sha256")[:16]
    # Amplify reads the block as URL-safe or standard base64 (moto's is neither quite).
    block = secret_block.replace("+", "-").replace("/", "_") + "=" * (-len(secret_block) % 4)
    message = pool_and_user.encode() + base64.urlsafe_b64decode(block) + timestamp.encode()
    return base64.b64encode(hmac.digest(key, message, "sha256")).decode()
