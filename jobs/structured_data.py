"""schema.org `JobPosting` for an open, public job's page (escaped by services' json_ld)."""

from datetime import timedelta

from django.conf import settings

from engagements.models import QuoteBasis
from jobs.models import JobPost
from marketplace.structured_data import absolute_url

# A job page that has not been closed says it stops taking proposals this long after posting.
VALID_FOR = timedelta(days=60)


def job_posting_data(job: JobPost) -> dict:
    if job.budget_basis == QuoteBasis.FIXED:
        salary = {"@type": "QuantitativeValue", "value": job.budget_amount, "unitText": "PROJECT"}
    else:
        salary = {
            "@type": "QuantitativeValue",
            "minValue": job.hourly_min,
            "maxValue": job.hourly_max,
            "unitText": "HOUR",
        }
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.brief,
        "datePosted": job.published_at.date().isoformat(),
        "validThrough": (job.published_at + VALID_FOR).isoformat(),
        "employmentType": "CONTRACTOR",
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": {"@type": "Country", "name": "Worldwide"},
        "hiringOrganization": {
            "@type": "Organization",
            "name": job.client_name(),
            "sameAs": settings.SITE_URL,
        },
        "industry": str(job.category),
        "skills": [skill.name for skill in job.skills.all()],
        "baseSalary": {"@type": "MonetaryAmount", "currency": job.currency, "value": salary},
        "url": absolute_url(job.get_absolute_url()),
    }
