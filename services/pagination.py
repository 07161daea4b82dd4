"""Pages of service cards for lists that sort many matches (search and category pages)."""

from django.core.paginator import Page, Paginator

from services.cards import CARD_ROWS_OF


class CardPaginator(Paginator):
    """Fetches a page in two steps: the page's ids in the list's order, then its cards.

    The first query sorts narrow rows (an index range when an index matches the sort); the
    second joins owner and category for twenty known ids, as the rows the cards are drawn
    from (`card_rows`). Joining before sorting would make the database carry every match's wide
    row through the sort.
    """

    def _get_page(self, object_list, number: int, paginator: Paginator) -> Page:
        if isinstance(object_list, list):  # already the page's ids (a ranked window's)
            ids = object_list
        else:
            ids = list(object_list.values_list("pk", flat=True))
        rows = {row.pk: row for row in CARD_ROWS_OF.rows(ids)}
        return super()._get_page([rows[pk] for pk in ids if pk in rows], number, paginator)
