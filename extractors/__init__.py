"""Returned unit reports (DOCX, PDF, XLSX, DOC, scans) → report records."""
