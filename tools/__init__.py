"""Developer tools run by management commands from a checkout: the benchmark (`bench`), the
load test (`loadtest`) and the bulk seeder (`seed_bulk`). Not part of the installed package."""
