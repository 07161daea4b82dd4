"""Pages of service cards for lists that sort many matches (search and category pages)."""

from django.core.paginator import Page, Paginator

from services.cards import CARD_ROWS_OF


class CardPaginator(Paginator):
    """Fetches a page in two steps: the page's ids in the list's order (`ids_of_page`), then
    its cards (`cards`).

    The first query sorts narrow rows (an index range when an index matches the sort); the
    second joins owner and category for twenty known ids, as the rows the cards are drawn
    from (`card_rows`). Joining before sorting would make the database carry every match's wide
    row through the sort. Apart, the ids can be kept (pagecache.kept_list) and the first step
    skipped.
    """

    def __init__(self, object_list, per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count  # the facets counted the results: no COUNT(*)

    def ids_of_page(self, number) -> tuple[int, list[int]]:
        """The number of the page `number` names (as `get_page` reads it: the first for
        nonsense, the last for one past it) and its ids in the list's order."""
        page = self.get_page(number)
        ids = page.object_list
        if not isinstance(ids, list):  # a ranked window's ids are a list already
            ids = list(ids.values_list("pk", flat=True))
        return page.number, ids

    def cards(self, number: int, ids: list[int]) -> Page:
        """Page `number` with the cards' rows of `ids` (less any gone since they were read)."""
        rows = {row.pk: row for row in CARD_ROWS_OF.rows(ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
