"""The Infobutton service (HL7 Context-Aware Knowledge Retrieval, URL-based), answering as
MedlinePlus Connect does, so a clinic's health record can point at its own site."""
