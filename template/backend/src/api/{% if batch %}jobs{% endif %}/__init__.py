"""Batch jobs: work longer than an API call or a Lambda allows, as Step Functions state machines.

config.JOBS lists each job's steps; infra jobs.py turns them into a state machine with retries
and a catch path (failures.record_failure), started by a schedule or POST [/admin]/jobs/<name>;
`make job NAME=<name>` runs the same steps locally against `make dev`.
"""
