"""The CDN's standard logs and the Athena table over them (cdn_logs.py), both per stage."""

from stacks.cdn import CDN_LOGS, NO_CDN_LOG_REGIONS
from stacks.cdn_logs import COLUMNS, QUERIES, TABLE
from stacks.config import PROJECT


def log_prefixes(template) -> set[str]:
    distributions = template.find_resources("AWS::CloudFront::Distribution").values()
    configs = [distribution["Properties"]["DistributionConfig"] for distribution in distributions]
    return {config.get("Logging", {}).get("Prefix") for config in configs}


def test_the_table_reads_every_distributions_logs(dev_template):
    if PROJECT.region in NO_CDN_LOG_REGIONS:  # CloudFront writes none there: no table either
        assert log_prefixes(dev_template) == {None}
        assert dev_template.find_resources("AWS::Glue::Table") == {}
        return
    (table,) = dev_template.find_resources("AWS::Glue::Table").values()
    table = table["Properties"]["TableInput"]
    assert table["Name"] == TABLE
    names = table["Parameters"]["projection.distribution.values"].split(",")
    assert log_prefixes(dev_template) == {f"{CDN_LOGS}/{name}/" for name in names}
    location = table["Parameters"]["storage.location.template"]
    assert location["Fn::Join"][1][-1] == f"/{CDN_LOGS}/${{distribution}}/"
    columns = table["StorageDescriptor"]["Columns"]
    assert [(c["Name"], c["Type"]) for c in columns] == list(COLUMNS)
    assert table["StorageDescriptor"]["SerdeInfo"]["Parameters"]["field.delim"] == "\t"


def test_the_saved_queries_run_in_a_capped_workgroup(dev_template):
    if PROJECT.region in NO_CDN_LOG_REGIONS:
        return
    (workgroup,) = dev_template.find_resources("AWS::Athena::WorkGroup").values()
    settings = workgroup["Properties"]["WorkGroupConfiguration"]
    assert settings["EnforceWorkGroupConfiguration"] is True
    assert settings["BytesScannedCutoffPerQuery"] <= 10 * 1024**3  # $0.05 a query at most
    assert settings["ManagedQueryResultsConfiguration"] == {"Enabled": True}
    queries = dev_template.find_resources("AWS::Athena::NamedQuery").values()
    assert {q["Properties"]["Name"] for q in queries} == set(QUERIES)
    for query in queries:
        assert f"FROM {TABLE} WHERE" in query["Properties"]["QueryString"]


def test_each_is_optional_per_stage(synth_stage):
    without_table = synth_stage(cdn_log_table=False)
    assert without_table.find_resources("AWS::Glue::Table") == {}
    assert without_table.find_resources("AWS::Athena::NamedQuery") == {}
    without_logs = synth_stage(cdn_logs=False)  # cdk-nag accepts the missing logs, with reason
    assert log_prefixes(without_logs) == {None}
    assert without_logs.find_resources("AWS::Glue::Table") == {}


def test_the_docs_show_each_saved_query_as_it_is(config):
    docs = (config.ROOT / "docs" / "reading-the-logs.md").read_text()
    for name, sql in QUERIES.items():
        assert f"`{name}`" in docs and sql in docs, name
