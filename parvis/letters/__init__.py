"""Letter templates: one definition per letter (fields, text, legal basis, how to
send it), filled from a short form and given as text, PDF and DOCX."""
