from celery import shared_task

from services import search


@shared_task
def refresh_search_vectors(service_ids: list[int]) -> None:
    """Recompute from the rows as they are now, so a late or repeated run is still right."""
    search.refresh_search_vectors(service_ids=service_ids)
