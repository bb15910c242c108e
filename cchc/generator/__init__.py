"""Documents from data: official-format DOCX through docxtpl templates, XLSX forms."""
