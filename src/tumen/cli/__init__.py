"""The `tumen` command: its commands, its terminal rendering and its generated reference."""
