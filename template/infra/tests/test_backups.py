"""AWS Backup (backups.py): a daily copy of every table that outlives the stack, taken by a role
that can back up these tables and nothing else; a restored table in place of a stage's own."""

import json

from aws_cdk.assertions import Template

from stacks.config import STAGES, TABLES

from policies import ACCOUNT, only, resource_arns, role_decisions


def test_each_stage_backs_up_as_its_settings_say(stage_templates):
    """prod by default, dev not (its data is not kept either)."""
    assert STAGES["prod"].backups and not STAGES["dev"].backups
    for name, path in stage_templates.items():
        template = Template.from_json(json.loads(path.read_text()))
        template.resource_count_is("AWS::Backup::BackupPlan", int(STAGES[name].backups))


def test_every_table_is_copied_daily_and_kept_35_days_in_a_locked_retained_vault(prod_template):
    resources = prod_template.to_json()["Resources"]
    (rule,) = resources[only(resources, "AWS::Backup::BackupPlan")]["Properties"]["BackupPlan"][
        "BackupPlanRule"
    ]
    assert rule["ScheduleExpression"] == "cron(0 5 * * ? *)"  # once a day
    assert rule["Lifecycle"] == {"DeleteAfterDays": 35}
    vault_id = only(resources, "AWS::Backup::BackupVault")
    vault = resources[vault_id]
    assert rule["TargetBackupVault"] == {"Fn::GetAtt": [vault_id, "BackupVaultName"]}
    # Deleting the stack leaves the vault, its key and so every recovery point in place; the
    # lock refuses deleting one before its 35 days.
    assert vault["DeletionPolicy"] == "Retain"
    assert vault["Properties"]["LockConfiguration"] == {"MinRetentionDays": 35}
    key_id = vault["Properties"]["EncryptionKeyArn"]["Fn::GetAtt"][0]
    assert resources[key_id]["DeletionPolicy"] == "Retain"
    assert resources[key_id]["Properties"]["EnableKeyRotation"] is True

    selection = resources[only(resources, "AWS::Backup::BackupSelection")]["Properties"]
    chosen = [arn["Fn::GetAtt"][0] for arn in selection["BackupSelection"]["Resources"]]
    tables = [n for n, r in resources.items() if r["Type"] == "AWS::DynamoDB::GlobalTable"]
    assert len(tables) == len(TABLES) and sorted(chosen) == sorted(tables)


def test_the_user_exports_bucket_outlives_the_stack_and_locks_each_export(prod_template):
    """Where `make export-users` writes (AWS cannot back up a user pool): kept with the stack's
    deletion, each object locked for the retention, then expired."""
    resources = prod_template.to_json()["Resources"]
    bucket_id = only(resources, "AWS::S3::Bucket", "BackupsBucket")
    bucket = resources[bucket_id]
    assert bucket["DeletionPolicy"] == "Retain"
    props = bucket["Properties"]
    assert props["ObjectLockEnabled"] is True
    lock = props["ObjectLockConfiguration"]["Rule"]["DefaultRetention"]
    assert lock == {"Mode": "GOVERNANCE", "Days": 35}
    (rule,) = props["LifecycleConfiguration"]["Rules"]
    assert rule["ExpirationInDays"] == 35
    assert props["PublicAccessBlockConfiguration"] == {
        setting: True
        for setting in (
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        )
    }
    outputs = prod_template.to_json()["Outputs"]
    assert outputs["BackupsBucketName"]["Value"] == {"Ref": bucket_id}


def test_a_daily_function_exports_the_users_and_may_do_nothing_else(prod_template, config):
    """api.user_export on a schedule: it lists the pools' users and groups and writes under the
    bucket's export prefix; it can change no user and read no export back."""
    from api.user_export import USERS_PREFIX
    from stacks.backups import USERS_PREFIX as GRANTED_PREFIX

    assert GRANTED_PREFIX == USERS_PREFIX
    resources = prod_template.to_json()["Resources"]
    handler = {"Properties": {"Handler": "api.user_export.handler"}}
    ((function_id, function),) = prod_template.find_resources(
        "AWS::Lambda::Function", handler
    ).items()
    bucket_id = only(resources, "AWS::S3::Bucket", "BackupsBucket")
    variables = function["Properties"]["Environment"]["Variables"]
    assert variables["APP_BACKUPS_BUCKET"] == {"Ref": bucket_id}
    (rule,) = [
        r
        for r in resources.values()
        if r["Type"] == "AWS::Events::Rule"
        and {"Fn::GetAtt": [function_id, "Arn"]} in [t["Arn"] for t in r["Properties"]["Targets"]]
    ]
    assert rule["Properties"]["ScheduleExpression"] == "cron(0 5 * * ? *)"

    arns = resource_arns(resources)
    arns[bucket_id] = bucket = "arn:aws:s3:::backups"
    pools = [n for n, r in resources.items() if r["Type"] == "AWS::Cognito::UserPool"]
    for n, pool in enumerate(pools):
        arns[pool] = f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/us-east-1_pool{n}"
    other_pool = f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/us-east-1_other"
    role = function["Properties"]["Role"]["Fn::GetAtt"][0]
    cases = [
        (arns[pool], f"cognito-idp:{a}") for pool in pools for a in ("ListUsers", "ListGroups")
    ]
    cases += [
        (arns[pools[0]], "cognito-idp:ListUsersInGroup"),
        (f"{bucket}/{USERS_PREFIX}/users/2026-12-07T05-00-00Z.json", "s3:PutObject"),
    ]
    allowed = len(cases)
    cases += [
        (other_pool, "cognito-idp:ListUsers"),
        (arns[pools[0]], "cognito-idp:AdminDeleteUser"),
        (arns[pools[0]], "cognito-idp:AdminGetUser"),
        (f"{bucket}/{USERS_PREFIX}/users/2026-12-07T05-00-00Z.json", "s3:GetObject"),
        (f"{bucket}/{USERS_PREFIX}/users/2026-12-07T05-00-00Z.json", "s3:DeleteObject"),
        (f"{bucket}/elsewhere.json", "s3:PutObject"),
    ]
    assert role_decisions(resources, role, arns, cases) == ["Allowed"] * allowed + [
        "ImplicitlyDenied"
    ] * (len(cases) - allowed)


def test_the_backup_role_backs_up_these_tables_and_does_nothing_else(prod_template):
    """Evaluated as AWS would (policies.py); AWS's own AWSBackupServiceRolePolicyForBackup
    would let it back up (and so read) every table and resource of the account."""
    resources = prod_template.to_json()["Resources"]
    arns = resource_arns(resources)
    selection = resources[only(resources, "AWS::Backup::BackupSelection")]["Properties"]
    role = selection["BackupSelection"]["IamRoleArn"]["Fn::GetAtt"][0]
    assert "ManagedPolicyArns" not in resources[role]["Properties"]
    table = only(resources, "AWS::DynamoDB::GlobalTable", "DataUsersTable")
    arns[table] = users = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/users"
    other = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/someone-elses"
    cases = [
        (users, "dynamodb:StartAwsBackupJob"),
        (users, "dynamodb:CreateBackup"),
        (f"{users}/backup/01700000000000-abcd1234", "dynamodb:DeleteBackup"),
        (other, "dynamodb:StartAwsBackupJob"),
        (other, "dynamodb:CreateBackup"),
        (users, "dynamodb:Scan"),
        (users, "dynamodb:DeleteTable"),
        (users, "dynamodb:RestoreTableFromBackup"),
        (users, "dynamodb:RestoreTableToPointInTime"),
    ]
    decisions = role_decisions(resources, role, arns, cases)
    allowed = zip(cases, decisions, strict=True)
    assert [case for case, decision in allowed if decision == "Allowed"] == cases[:3]


def test_a_restored_table_replaces_the_stages_own_everywhere(synth_stage):
    """What `make restore` writes (restored_tables): the stack creates no users table, and the
    functions and the backups use the restored one by its name."""
    restored = "my-restored-users"
    template = synth_stage(backups=True, restored_tables={"users": restored})
    resources = template.to_json()["Resources"]
    tables = [n for n, r in resources.items() if r["Type"] == "AWS::DynamoDB::GlobalTable"]
    assert not [n for n in tables if n.startswith("DataUsersTable")]
    assert len(tables) == len(TABLES) - 1
    text = json.dumps(resources)
    selection = resources[only(resources, "AWS::Backup::BackupSelection")]["Properties"]
    assert f":table/{restored}" in json.dumps(selection)
    granted = [
        r
        for r in resources.values()
        if r["Type"] == "AWS::IAM::Policy" and f":table/{restored}" in json.dumps(r)
    ]
    assert len(granted) >= 2  # the API function and the backups at least
    environment = [
        r["Properties"]["Environment"]["Variables"].get("APP_USERS_TABLE")
        for r in resources.values()
        if r["Type"] == "AWS::Lambda::Function" and "Environment" in r["Properties"]
    ]
    assert restored in environment and text.count(restored) > len(granted)
