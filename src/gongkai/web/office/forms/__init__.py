"""Forms of the office: they validate; the views hand the cleaned data to the services."""
