"""The office's pages: the public form and status check, the staff case pages, the annual tables."""
