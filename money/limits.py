"""The bounds on amounts people type, for every form, serializer and sentence that states them.

A limit changed here is changed in the forms' checks and messages, the API's patterns and the
OpenAPI schema.
"""

from decimal import Decimal

# Rates and prices: at least one unit of the currency.
MIN_PRICE = Decimal("1")
MAX_HOURLY_RATE = Decimal("10000")
# A service's starting price, a job's fixed budget, a proposal's price.
MAX_PRICE = Decimal("1000000")
# A client's budget and a freelancer's quote on an engagement may be 0 (a favour, a trial).
MIN_QUOTE = Decimal("0")
MAX_QUOTE = Decimal("1000000")
# A per-word rate: up to ten units a word, in thousandths ("0.085"); a minimum charge and a
# document quote's price are bounded like quotes.
MIN_WORD_RATE = Decimal("0")
MAX_WORD_RATE = Decimal("10")
WORD_RATE_DECIMALS = 3
