"""The plan's targets as a person reads them: phone-sized text pages, a spreadsheet with a
sheet per target, and a bar chart per target (PNG)."""
