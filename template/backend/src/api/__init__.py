"""Backend of the product: one FastAPI app served on AWS Lambda through Mangum."""
