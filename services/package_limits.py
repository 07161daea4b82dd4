"""The bounds on what a service offers for sale in one step (its packages, add-ons and
requirement questions), for every form, serializer, workflow and sentence that states them.

A limit changed here is changed in the models' validators, the forms' messages, the API's
fields and the OpenAPI schema.
"""

from decimal import Decimal

from money.limits import MAX_PRICE, MIN_PRICE

# Basic, Standard and Premium: a service offers one, two or three of them.
MAX_PACKAGES = 3
MAX_ADD_ONS = 10
MAX_QUESTIONS = 10

PACKAGE_NAME_MAX_LENGTH = 40
PACKAGE_DESCRIPTION_MAX_LENGTH = 300
ADD_ON_NAME_MAX_LENGTH = 80
QUESTION_TEXT_MAX_LENGTH = 300
# A multiple-choice question offers between two and this many options, one per line.
MAX_QUESTION_OPTIONS = 10
QUESTION_OPTION_MAX_LENGTH = 80

PACKAGE_MIN_PRICE = MIN_PRICE
PACKAGE_MAX_PRICE = MAX_PRICE
ADD_ON_MIN_PRICE = MIN_PRICE
ADD_ON_MAX_PRICE = Decimal("100000")

MIN_DELIVERY_DAYS = 1
MAX_DELIVERY_DAYS = 90
MAX_ADD_ON_EXTRA_DAYS = 30
MAX_PACKAGE_REVISIONS = 10
# Writing services may state how many words each package delivers.
MIN_WORD_COUNT = 50
MAX_WORD_COUNT = 100_000
