"""IAM policies of the synthesized template, evaluated as AWS would (moto enforces no IAM).

`resolve` turns a policy's intrinsics into concrete ARNs; `evaluate` runs requests through
@cloud-copilot/iam-simulate (iam/simulate.mjs), AWS's policy evaluation logic as a library.
"""

import json
import subprocess
from pathlib import Path

import pytest

SIMULATOR = Path(__file__).parent / "iam" / "simulate.mjs"
ACCOUNT = "123456789012"


def resolve(value, arns: dict[str, str]):
    """A template value with the intrinsics our policies use replaced by concrete values;
    `arns` maps logical ids to what Ref and Fn::GetAtt's Arn give."""
    if isinstance(value, list):
        return [resolve(item, arns) for item in value]
    if not isinstance(value, dict):
        return value
    if list(value) == ["Ref"]:
        pseudo = {"AWS::Partition": "aws", "AWS::AccountId": ACCOUNT}
        return pseudo.get(value["Ref"]) or arns[value["Ref"]].rpartition(":")[2]
    if list(value) == ["Fn::GetAtt"]:
        logical_id, attribute = value["Fn::GetAtt"]
        assert attribute == "Arn", value
        return arns[logical_id]
    if list(value) == ["Fn::Join"]:
        separator, parts = value["Fn::Join"]
        return separator.join(resolve(part, arns) for part in parts)
    return {key: resolve(item, arns) for key, item in value.items()}


def resource_arns(resources: dict) -> dict[str, str]:
    """An ARN for every resource of the template by logical id: roles as IAM names them, the
    others as stand-ins of their service (set the ones a test reasons about itself)."""
    arns = {}
    for name, resource in resources.items():
        service = resource["Type"].split("::")[1].lower()
        arns[name] = f"arn:aws:{service}:us-east-1:{ACCOUNT}:{name}"
        if resource["Type"] == "AWS::IAM::Role":
            arns[name] = f"arn:aws:iam::{ACCOUNT}:role/{name}"
    return arns


def only(resources: dict, kind: str, prefix: str = "") -> str:
    (logical_id,) = [n for n, r in resources.items() if r["Type"] == kind and n.startswith(prefix)]
    return logical_id


def function_role(resources: dict, name: str) -> str:
    """The role of the function whose logical id starts with `name`."""
    function = only(resources, "AWS::Lambda::Function", name)
    return resources[function]["Properties"]["Role"]["Fn::GetAtt"][0]


def role_policies(resources: dict, role: str, arns: dict[str, str]) -> list[dict]:
    """The policy documents attached to a role (its AWS::IAM::Policy resources), resolved."""
    return [
        resolve(r["Properties"]["PolicyDocument"], arns)
        for r in resources.values()
        if r["Type"] == "AWS::IAM::Policy" and {"Ref": role} in r["Properties"]["Roles"]
    ]


def evaluate(simulations: list[dict]) -> list[str]:
    """The decision for each simulation: Allowed, ImplicitlyDenied or ExplicitlyDenied."""
    if not (SIMULATOR.parent / "node_modules").is_dir():
        pytest.fail("The policy evaluator is not installed: run `make test` (it installs it).")
    done = subprocess.run(  # noqa: S603 (node on our own script)
        ["node", str(SIMULATOR)],  # noqa: S607
        input=json.dumps(simulations),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def identity_request(
    policies: list[dict], principal: str, action: str, resource: str, context: dict | None = None
) -> dict:
    """One request for `evaluate`: the principal, with `policies` (documents) as its identity's."""
    return {
        "identityPolicies": [{"name": f"policy-{n}", "policy": p} for n, p in enumerate(policies)],
        "serviceControlPolicies": [],
        "resourceControlPolicies": [],
        "request": {
            "principal": principal,
            "action": action,
            "resource": {"resource": resource, "accountId": ACCOUNT},
            "contextVariables": context or {},
        },
    }


def role_decisions(
    resources: dict, role: str, arns: dict[str, str], cases: list[tuple[str, str]]
) -> list[str]:
    """What AWS decides for a role's requests, (resource ARN, action) each."""
    policies, principal = (
        role_policies(resources, role, arns),
        f"arn:aws:iam::{ACCOUNT}:role/{role}",
    )
    return evaluate([identity_request(policies, principal, action, arn) for arn, action in cases])
