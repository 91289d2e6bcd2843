"""``python -m gongkai`` runs the CLI."""

from gongkai.cli.main import main

main()
