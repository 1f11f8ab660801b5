"""Answer sets the render tests run end to end: named sets and a pairwise matrix."""

import itertools
from pathlib import Path

import yaml

TEMPLATE = Path(__file__).resolve().parents[1]

OPTION_SETS = {
    "defaults": {},
    "all-options": {
        "project_name": "Everything On",
        "login_id": "email_or_phone",
        "auto_verify": True,
        "social_providers": ["google", "apple", "kakao"],
        "auth_domain_prefix": "everything-on-login",
        "admin_pool": True,
        "realtime": True,
        "batch": True,
        "static_ip": True,
        "warmer_minutes": 5,
        "web_app": True,
        "mfa": "required",
        "board": True,
        "mobile_app": True,
    },
}

# The values each question takes in the matrix. Pairwise: every pair of values of two questions
# appears in at least one rendered project. The named sets take the default region
# (ap-northeast-2); us-east-1 has S3's global endpoint and no bucket location constraint, and
# eu-south-1 is an opt-in region without CloudFront standard logs, which changes the storage
# stack. Every other region is a tested answer too: test_every_offered_region_* below.
MATRIX_VALUES = {
    "login_id": ["email", "phone", "email_or_phone"],
    "social_providers": [[], ["kakao"], ["google", "apple", "kakao"]],
    "mfa": ["off", "optional", "required"],
    "aws_region": ["us-east-1", "eu-south-1"],
    "auto_verify": [False, True],
    "admin_pool": [False, True],
    "realtime": [False, True],
    "batch": [False, True],
    "static_ip": [False, True],
    "warmer_minutes": [0, 5],
    "web_app": [False, True],
    "board": [False, True],
}

# A covering array of MATRIX_VALUES: one row per project, one digit per question (in its order)
# giving the index of the value. 9 rows, the fewest possible (login_id x social_providers alone
# has 9 pairs); a generator (allpairspy) needed 12. `uncovered_pairs` checks it (test_render).
MATRIX_ROWS = [
    "000011111001",
    "011000000010",
    "022111100110",
    "101101100111",
    "112011011101",
    "120100001010",
    "202100010010",
    "210101100100",
    "221010111101",
]


def matrix() -> dict[str, dict]:
    """The pairwise rows as named answer sets (`pair-1`, …), deterministic."""
    sets = {}
    for number, row in enumerate(MATRIX_ROWS, start=1):
        answers = {q: MATRIX_VALUES[q][int(i)] for q, i in zip(MATRIX_VALUES, row, strict=True)}
        answers["project_name"] = f"Pair {number}"
        if number == 2:  # quotes, a backslash and Hangul reach code, TOML, Markdown and e-mails
            answers["project_name"] = 'Ana\'s "Quote" \\ 내 앱 2'
        if answers["social_providers"]:
            answers["auth_domain_prefix"] = f"pair-{number}-login"
        sets[f"pair-{number}"] = answers
    return sets


MATRIX = matrix()


def uncovered_pairs(sets: dict[str, dict]) -> list[tuple]:
    """Pairs of (question, value) that no answer set renders."""
    seen = set()
    for answers in sets.values():
        items = [(q, repr(answers[q])) for q in MATRIX_VALUES]
        seen.update(itertools.combinations(items, 2))
    wanted = [[(q, repr(v)) for v in values] for q, values in MATRIX_VALUES.items()]
    return [
        pair
        for first, second in itertools.combinations(wanted, 2)
        for pair in itertools.product(first, second)
        if pair not in seen
    ]


def offered_regions() -> list[str]:
    """Every answer the aws_region question accepts."""
    return yaml.safe_load((TEMPLATE / "copier.yml").read_text())["aws_region"]["choices"]
