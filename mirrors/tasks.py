"""Background tasks of the mirrors (django-tasks; the ``worker`` process runs them)."""

from django_tasks import task

from . import services


@task()
def export_everything() -> dict:
    """Render the whole site into the copies and publish them."""
    return services.export_everything()


@task()
def export_pages(page_ids: list[int]) -> dict:
    """Re-export what shows these pages and publish the changed files."""
    return services.export_pages(page_ids)
