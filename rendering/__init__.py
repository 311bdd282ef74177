"""What the bot's messages and shared descriptions look like, built once for handlers, jobs
and the command line: announcements and their reminders, approval requests, members and
units in words, the plan's tasks (list, details, import report, XLSX export). Imports only
models/ and the leaf modules of bot/ (events, texts, timefmt, buttons)."""
