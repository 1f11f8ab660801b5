"""The offline stack: moto's server for AWS, the same resources as the infra, and a local
gateway that enforces API Gateway's auth rules in front of the real Lambda handler."""
