"""Scripts that generate the data modules of the extractors package."""
