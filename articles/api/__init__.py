"""Read-only access for other systems: the content API (/api/v1/) and FHIR (/fhir/)."""
