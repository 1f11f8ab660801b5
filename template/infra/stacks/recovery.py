"""Backups a team can restore (docs/backups.md): the commands behind `make backup`, `make restore`
and `make export-users`, for a deployed stage or the running `make dev` (STAGE=local), with the
credentials of the operator who runs them.

    python -m stacks.recovery backup prod                  # an on-demand backup of every table
    python -m stacks.recovery restore prod users --at 2026-12-07T09:30:00Z
    python -m stacks.recovery restore prod users --backup arn:aws:dynamodb:…/backup/…
    python -m stacks.recovery restore prod users --adopt <a table AWS Backup restored>
    python -m stacks.recovery export-users prod            # users and groups to the backups bucket

A restore makes a new table (DynamoDB restores never overwrite one), gives it what a restore
does not carry over, and records it in RESTORED_TABLES_FILE, so the next `make deploy` switches
the stage to it (data.py). The local stack's restores are rehearsals: they are not recorded.
"""

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

from api.user_export import export_users

from . import outputs as keys
from .client_config import clients, stage_values
from .config import LOCAL_STAGE, PROJECT, RESTORED_TABLES_FILE, TABLES, StageConfig


def backup_tables(dynamodb, table_names: dict[str, str], *, now: datetime) -> dict[str, str]:
    """An on-demand backup of each table (kept until deleted); its ARN by table."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return {
        name: dynamodb.create_backup(TableName=table, BackupName=f"{table}-{stamp}")[
            "BackupDetails"
        ]["BackupArn"]
        for name, table in table_names.items()
    }


def restore_table(
    dynamodb,
    *,
    stage: StageConfig,
    table: str,
    source: str,
    target: str,
    at: datetime | None = None,
    backup_arn: str | None = None,
) -> None:
    """Restore the table `source` (a TABLES key: `table`) into the new table `target`: from a
    backup, else to the time `at` (point-in-time recovery), else to the latest restorable time.
    Encrypted as the stack's tables are (the AWS-managed key)."""
    encrypted = {"SSESpecificationOverride": {"Enabled": True, "SSEType": "KMS"}}
    if backup_arn:
        if not backup_arn.startswith("arn:aws:dynamodb:"):
            raise SystemExit(
                "AWS Backup's recovery points (arn:aws:backup:…) restore through AWS Backup "
                "(docs/backups.md, “From the vault”); give a DynamoDB backup's ARN here."
            )
        dynamodb.restore_table_from_backup(
            TargetTableName=target, BackupArn=backup_arn, **encrypted
        )
    else:
        when = {"RestoreDateTime": at} if at else {"UseLatestRestorableTime": True}
        dynamodb.restore_table_to_point_in_time(
            SourceTableName=source, TargetTableName=target, **when, **encrypted
        )
    dynamodb.get_waiter("table_exists").wait(TableName=target)
    restored_settings(dynamodb, stage=stage, table=table, target=target)


def restored_settings(dynamodb, *, stage: StageConfig, table: str, target: str) -> None:
    """What a restored table does not inherit and the stack's tables have (tags, time to live,
    point-in-time recovery: amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html),
    and deletion protection where the stage retains data."""
    dynamodb.update_continuous_backups(
        TableName=target, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    if TABLES[table].time_to_live:
        dynamodb.update_time_to_live(
            TableName=target,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": TABLES[table].time_to_live},
        )
    if stage.retain_data:
        dynamodb.update_table(TableName=target, DeletionProtectionEnabled=True)
    arn = dynamodb.describe_table(TableName=target)["Table"]["TableArn"]
    tags = {"project": PROJECT.slug, "stage": stage.name, **stage.tags}
    dynamodb.tag_resource(ResourceArn=arn, Tags=[{"Key": k, "Value": v} for k, v in tags.items()])


def record_restored(stage: str, table: str, target: str, path: Path = RESTORED_TABLES_FILE) -> None:
    """The stage uses `target` for `table` from its next deploy on (config.py reads the file)."""
    restored = json.loads(path.read_text()) if path.exists() else {}
    restored.setdefault(stage, {})[table] = target
    path.write_text(json.dumps(restored, indent=2, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> None:

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup").add_argument("stage")
    restore = commands.add_parser("restore")
    restore.add_argument("stage")
    restore.add_argument("table", choices=sorted(TABLES))
    restore.add_argument("--at", type=datetime.fromisoformat, help="ISO time, e.g. …T09:30:00Z")
    restore.add_argument("--backup", dest="backup_arn", help="a DynamoDB backup's ARN")
    restore.add_argument("--adopt", metavar="TABLE", help="a table restored already (AWS Backup)")
    commands.add_parser("export-users").add_argument("stage")
    args = parser.parse_args(argv)

    stage, values, endpoints = stage_values(args.stage)
    client = clients(endpoints and endpoints["s3"])  # moto's server answers for every service
    now = datetime.now(UTC)
    table_names = {name: values[keys.TABLE_NAMES[name]] for name in TABLES}
    if args.command == "backup":
        for name, arn in backup_tables(client("dynamodb"), table_names, now=now).items():
            print(f"{name}: {arn}")
    elif args.command == "restore":
        source, dynamodb = table_names[args.table], client("dynamodb")
        if args.adopt:  # restored by AWS Backup from the vault: given the settings, recorded
            target = args.adopt
            restored_settings(dynamodb, stage=stage, table=args.table, target=target)
        else:
            target = f"{stage.resource_name(PROJECT, args.table)}-{now.strftime('%Y%m%d%H%M')}"
            restore_table(
                dynamodb,
                stage=stage,
                table=args.table,
                source=source,
                target=target,
                at=args.at,
                backup_arn=args.backup_arn,
            )
        print(f"Restored {source} into {target}.")
        if stage is LOCAL_STAGE:
            print("A rehearsal: the local stack keeps using its own table.")
            return
        record_restored(stage.name, args.table, target)
        print(
            f"{RESTORED_TABLES_FILE.name} now names it: `make deploy STAGE={stage.name}` switches "
            f"the stage to it (commit the file). {source} stays until you delete it."
        )
    else:
        if keys.BACKUPS_BUCKET_NAME not in values:
            raise SystemExit(f"The {stage.name} stage has no backups bucket: set backups=True.")
        pools = {"users": values[keys.USER_POOL_ID]}
        if keys.ADMIN_USER_POOL_ID in values:
            pools["admins"] = values[keys.ADMIN_USER_POOL_ID]
        bucket = values[keys.BACKUPS_BUCKET_NAME]
        for key in export_users(
            client("cognito-idp"), client("s3"), pools=pools, bucket=bucket, now=now
        ):
            print(f"wrote s3://{bucket}/{key}")


if __name__ == "__main__":
    main()
