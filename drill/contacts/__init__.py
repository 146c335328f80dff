"""Contact sheets (FORMAT.md 7.5): Excel or CSV lists of contacts in and out of a plan.

Offices keep their 緊急連絡網 in spreadsheets and renew them every April.
:mod:`~drill.contacts.sheetmap` reads the map that says which column is what,
:mod:`~drill.contacts.sheets` reads a sheet into cells that know their
reference (``sheet.xlsx:緊急連絡網!D5``, ``sheet.csv:12:4``),
:mod:`~drill.contacts.merge` turns rows into contacts and checks them against
the plan, :mod:`~drill.contacts.yamledit` writes them into the plan's own text
(comments and layout kept), :mod:`~drill.contacts.changes` says what changed,
and :mod:`~drill.contacts.export` writes a plan back to a sheet.
"""
