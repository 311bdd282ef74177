"""What the bot's messages, shared descriptions and files look like, built once for handlers,
jobs and the command line: announcements and their reminders, approval requests, members and
units in words, the plan's tasks (list, details, import report, XLSX export), the members'
XLSX and JSON exports and the attendance sign-in sheet. Imports only models/ and the leaf
modules of bot/ (events, texts, timefmt, buttons)."""
