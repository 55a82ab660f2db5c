"""The campaigns app's retention rules, run by manage.py apply_retention."""

from safety.retention import retention_job

from . import services


@retention_job("campaigns: unconfirmed signatures deleted")
def delete_unconfirmed_signatures() -> int:
    return services.delete_unconfirmed()


@retention_job("campaigns: signatures anonymised after retention")
def anonymise_signatures() -> int:
    return services.anonymise_ended_campaigns()
