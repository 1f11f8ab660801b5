"""The CDN's standard logs as a table (a stage with cdn_logs and cdn_log_table): a Glue database
and table over the logs bucket's cdn-logs/, an Athena workgroup, and the saved queries
docs/reading-the-logs.md explains. Nothing runs or costs until someone runs a query.

The table reads CloudFront's standard (legacy) log format, one tab-separated line per request
(https://docs.aws.amazon.com/athena/latest/ug/create-cloudfront-table-standard-logs.html);
`distribution` is a projected partition, one per distribution's prefix, so a query of one
distribution reads its logs only.
"""

import aws_cdk as cdk
from aws_cdk import aws_athena as athena
from aws_cdk import aws_glue as glue
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .cdn import CDN_LOGS
from .config import ProjectConfig, StageConfig

TABLE = "cdn_logs"
# CloudFront's standard log fields, in their order (the `date` column is quoted in queries).
COLUMNS = (
    ("date", "date"),
    ("time", "string"),
    ("x_edge_location", "string"),
    ("sc_bytes", "bigint"),
    ("c_ip", "string"),
    ("cs_method", "string"),
    ("cs_host", "string"),
    ("cs_uri_stem", "string"),
    ("sc_status", "int"),
    ("cs_referrer", "string"),
    ("cs_user_agent", "string"),
    ("cs_uri_query", "string"),
    ("cs_cookie", "string"),
    ("x_edge_result_type", "string"),
    ("x_edge_request_id", "string"),
    ("x_host_header", "string"),
    ("cs_protocol", "string"),
    ("cs_bytes", "bigint"),
    ("time_taken", "float"),
    ("x_forwarded_for", "string"),
    ("ssl_protocol", "string"),
    ("ssl_cipher", "string"),
    ("x_edge_response_result_type", "string"),
    ("cs_protocol_version", "string"),
    ("fle_status", "string"),
    ("fle_encrypted_fields", "int"),
    ("c_port", "int"),
    ("time_to_first_byte", "float"),
    ("x_edge_detailed_result_type", "string"),
    ("sc_content_type", "string"),
    ("sc_content_len", "bigint"),
    ("sc_range_start", "bigint"),
    ("sc_range_end", "bigint"),
)
# What one query may scan before Athena cancels it: 10 GB, $0.05 at $5 per TB.
SCAN_LIMIT_BYTES = 10 * 1024**3

LAST_WEEK = "\"date\" >= current_date - interval '7' day"
# The saved queries (docs/reading-the-logs.md asks each question): name -> SQL over the table.
QUERIES = {
    "Top paths": (
        "SELECT distribution, cs_uri_stem AS path, count(*) AS requests,\n"
        "  round(100.0 * count_if(x_edge_result_type IN ('Hit', 'RefreshHit')) / count(*), 1)"
        " AS hit_percent\n"
        f"FROM {TABLE} WHERE {LAST_WEEK}\n"
        "GROUP BY 1, 2 ORDER BY requests DESC LIMIT 25"
    ),
    "Errors by path and status": (
        "SELECT distribution, cs_uri_stem AS path, sc_status AS status,\n"
        "  x_edge_detailed_result_type AS detail, count(*) AS responses\n"
        f"FROM {TABLE} WHERE {LAST_WEEK} AND sc_status >= 400\n"
        "GROUP BY 1, 2, 3, 4 ORDER BY responses DESC LIMIT 50"
    ),
    "Slowest requests": (
        'SELECT "date", time, distribution, cs_uri_stem AS path, sc_status AS status,\n'
        "  time_taken, time_to_first_byte, x_edge_result_type, x_edge_request_id\n"
        f"FROM {TABLE} WHERE {LAST_WEEK}\n"
        "ORDER BY time_taken DESC LIMIT 25"
    ),
    "Busiest client addresses": (
        "SELECT c_ip AS address, count(*) AS requests, count_if(sc_status = 403) AS refused,\n"
        "  count(DISTINCT cs_uri_stem) AS paths\n"
        f"FROM {TABLE} WHERE {LAST_WEEK}\n"
        "GROUP BY 1 ORDER BY requests DESC LIMIT 25"
    ),
    "Traffic by day": (
        'SELECT "date", distribution, count(*) AS requests,\n'
        "  round(sum(sc_bytes) / 1e9, 3) AS gigabytes_out\n"
        f"FROM {TABLE} WHERE \"date\" >= current_date - interval '30' day\n"
        'GROUP BY 1, 2 ORDER BY "date" DESC, distribution'
    ),
}


class CdnLogTable(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        logs_bucket: s3.IBucket,
        distributions: tuple[str, ...],
    ) -> None:
        """`distributions`: the names under cdn-logs/ (cdn.standard_log_settings)."""
        super().__init__(scope, id)
        account = cdk.Stack.of(self).account
        self.database_name = f"{project.slug}_{stage.name}".replace("-", "_")
        database = glue.CfnDatabase(
            self,
            "Database",
            catalog_id=account,
            database_input=glue.CfnDatabase.DatabaseInputProperty(
                name=self.database_name,
                description=f"{project.name} ({stage.name}): the CDN's standard logs",
            ),
        )
        location = f"s3://{logs_bucket.bucket_name}/{CDN_LOGS}/"
        table = glue.CfnTable(
            self,
            "Table",
            catalog_id=account,
            database_name=self.database_name,
            table_input=glue.CfnTable.TableInputProperty(
                name=TABLE,
                description="CloudFront standard logs, one row per request",
                table_type="EXTERNAL_TABLE",
                parameters={
                    "skip.header.line.count": "2",  # each file's #Version and #Fields lines
                    "projection.enabled": "true",
                    "projection.distribution.type": "enum",
                    "projection.distribution.values": ",".join(distributions),
                    "storage.location.template": location + "${distribution}/",
                },
                partition_keys=[glue.CfnTable.ColumnProperty(name="distribution", type="string")],
                storage_descriptor=glue.CfnTable.StorageDescriptorProperty(
                    columns=[glue.CfnTable.ColumnProperty(name=n, type=t) for n, t in COLUMNS],
                    location=location,
                    input_format="org.apache.hadoop.mapred.TextInputFormat",  # reads .gz too
                    output_format="org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                    serde_info=glue.CfnTable.SerdeInfoProperty(
                        serialization_library="org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                        parameters={"field.delim": "\t", "serialization.format": "\t"},
                    ),
                ),
            ),
        )
        table.add_dependency(database)
        self.workgroup = athena.CfnWorkGroup(
            self,
            "WorkGroup",
            name=stage.resource_name(project, "cdn-logs"),
            description="The CDN log table's saved queries (docs/reading-the-logs.md)",
            recursive_delete_option=True,  # its saved queries and history go with the stack
            work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
                enforce_work_group_configuration=True,
                bytes_scanned_cutoff_per_query=SCAN_LIMIT_BYTES,
                publish_cloud_watch_metrics_enabled=True,
                managed_query_results_configuration=(
                    athena.CfnWorkGroup.ManagedQueryResultsConfigurationProperty(enabled=True)
                ),
            ),
        )
        for name, sql in QUERIES.items():
            query = athena.CfnNamedQuery(
                self,
                name.title().replace(" ", ""),
                name=name,
                database=self.database_name,
                work_group=self.workgroup.name,
                query_string=sql,
            )
            query.add_dependency(table)
            query.add_dependency(self.workgroup)
