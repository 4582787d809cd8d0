"""Reading spreadsheets the way groups really keep them (CSV in any encoding, Excel), and
turning their rows into records with a reason for every row that cannot be used. No Qt."""
