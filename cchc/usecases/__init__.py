"""The application layer: one use case per verb (import a report, accept a draft, issue a
notice…) and the whole workflows that drive generator, extractors, archive and checker
together. The CLI, the API, the pages and the job workers call these functions."""
