"""CDK app of the product: one stack per stage built from the constructs in this package."""
