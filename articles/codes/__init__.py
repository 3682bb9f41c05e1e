"""Clinical codes on articles (ICD-10-CM, CPT, SNOMED CT): what they are, how they are checked,
and finding articles by code (the Infobutton service, the content API, FHIR)."""
