"""The payment pages as each side reads and uses them: the milestones section of the
engagement, the plan editor, the card form (with a real local Stripe), delivery with files,
release, the earnings page, receipts and the staff's screens."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.timezone import now as fixed_now
from pypdf import PdfReader

from payments import delivery, disputes, funding, payouts, settlement
from payments.models import Milestone, MilestonePlan, MilestoneState, Payment, Receipt
from tests.factories import EngagementFactory
from tests.payments.conftest import DECLINED_CARD, GOOD_CARD, fund, save_card
from tests.support.mfa import confirm_identity, give_totp
from tests.upload_files import pdf_bytes, upload

pytestmark = pytest.mark.django_db
D = Decimal


def page_text(response) -> str:
    return response.content.decode()


# The engagement page


def test_a_fixed_price_engagement_invites_both_sides_to_plan_milestones(
    as_user, fixed_engagement, freelancer, hiring_client
):
    for user in (freelancer, hiring_client):
        text = page_text(as_user(user).get(fixed_engagement.get_absolute_url()))
        assert "Propose a milestone plan" in text


def test_an_hourly_engagement_shows_no_milestones(as_user, service, hiring_client):
    hourly = EngagementFactory(
        service=service,
        client=hiring_client,
        state="accepted",
        accepted_at=fixed_now(),
        quoted_amount=D("40"),
        quote_basis="hourly",
    )
    text = page_text(as_user(hiring_client).get(hourly.get_absolute_url()))
    assert 'id="milestones"' not in text


def test_both_sides_read_that_an_unfunded_milestone_is_not_to_be_started(
    stripe, as_user, milestones, freelancer, hiring_client
):
    for user in (freelancer, hiring_client):
        text = page_text(as_user(user).get(milestones[0].engagement.get_absolute_url()))
        assert text.count("Unfunded — the freelancer should not start yet.") == 2
        assert "fee $10; the freelancer receives $90" in text
    assert "Fund $100" in text  # the client's page


def test_the_freelancer_reads_funded_start_work(
    stripe, as_user, milestones, freelancer, hiring_client
):
    fund(stripe, milestones[0], hiring_client)
    text = page_text(as_user(freelancer).get(milestones[0].engagement.get_absolute_url()))
    assert "Funded — start work." in text and "Submit the work" in text


# The plan editor


def plan_post(*rows):
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "20",
    }
    for index, (title, amount) in enumerate(rows):
        data |= {
            f"form-{index}-title": title,
            f"form-{index}-amount": amount,
            f"form-{index}-revisions_allowed": "1",
        }
    return data


def test_a_plan_that_does_not_add_up_is_refused_keeping_the_input(
    as_user, fixed_engagement, freelancer
):
    url = reverse("payments:plan_edit", args=[fixed_engagement.pk])
    response = as_user(freelancer).post(url, plan_post(("Draft", "100"), ("Final", "150")))
    assert response.status_code == 400
    assert "they must add up to the agreed price, $300" in page_text(response)
    assert 'value="Final"' in page_text(response)
    assert not Milestone.objects.exists()


def test_a_plan_proposed_on_the_page_is_accepted_by_the_other_side(
    as_user, fixed_engagement, freelancer, hiring_client
):
    url = reverse("payments:plan_edit", args=[fixed_engagement.pk])
    response = as_user(freelancer).post(url, plan_post(("Draft", "100"), ("Final", "200")))
    assert response.status_code == 302
    accept = reverse("payments:plan_accept", args=[fixed_engagement.pk])
    as_user(freelancer).post(accept)
    assert not MilestonePlan.objects.get().is_accepted  # the proposer cannot
    as_user(hiring_client).post(accept)
    assert MilestonePlan.objects.get().is_accepted
    assert list(Milestone.objects.values_list("title", "amount")) == [
        ("Draft", D("100.00")),
        ("Final", D("200.00")),
    ]


def test_the_client_is_told_of_a_proposed_plan_and_its_fee_as_people_write_it(
    as_user,
    fixed_engagement,
    freelancer,
    hiring_client,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.PLATFORM_FEE_PERCENT = D("10")  # was "a platform fee of 1E+1 %"
    url = reverse("payments:plan_edit", args=[fixed_engagement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        as_user(freelancer).post(url, plan_post(("Draft", "100"), ("Final", "200")))
    (email,) = [m for m in mailoutbox if hiring_client.email in m.to]
    assert "2 milestone(s) adding up to $300, with a platform fee of 10 % on each" in " ".join(
        email.body.split()
    )


# The card form


def test_the_card_form_loads_stripe_js_from_the_test_server_and_says_test_mode(
    stripe, as_user, milestones, hiring_client
):
    response = as_user(hiring_client).get(reverse("payments:fund", args=[milestones[0].pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert "Test mode — use card 4242 4242 4242 4242" in text
    assert f'<script src="{stripe.url}/js.stripe.com/v3/">' in text
    policy = response["Content-Security-Policy"]
    assert f"script-src 'self' {stripe.url}" in policy and f"connect-src {stripe.url}" in policy


def _pay_on_the_page(stripe, as_user, milestone, client, number):
    page = as_user(client)
    page.get(reverse("payments:fund", args=[milestone.pk]))
    form = funding.start_funding(milestone=milestone, by=client)  # the page's own attempt
    save_card(stripe, form, number)
    return page.post(
        reverse("payments:fund", args=[milestone.pk]),
        {"payment": form.payment.pk, "setup_intent": form.setup_intent_id},
    )


def test_paying_on_the_card_form_funds_the_milestone(stripe, as_user, milestones, hiring_client):
    response = _pay_on_the_page(stripe, as_user, milestones[0], hiring_client, GOOD_CARD)
    assert response.status_code == 302
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.FUNDED
    followed = response.client.get(response["Location"])
    assert "Paid: the money is held in escrow until you release it." in page_text(followed)


def test_a_declined_card_shows_its_message_and_funds_nothing(
    stripe, as_user, milestones, hiring_client
):
    response = _pay_on_the_page(stripe, as_user, milestones[0], hiring_client, DECLINED_CARD)
    assert response.status_code == 402
    assert "Your card was declined." in page_text(response)
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.PROPOSED


# Delivery, release, files


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * 20_000_000)
    return out.getvalue()


def sneaky_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../etc/cron.d/evil", b"* * * * * root true")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.zip", zip_bomb(), "looks like a zip bomb"),
        ("sneaky.zip", sneaky_zip(), "names a file outside the archive"),
        ("report.docx", b"PK\x03\x04 not really", "is not a valid .docx file"),
        ("script.exe", b"MZ\x90\x00", "is not a file we accept"),
        ("notes.txt", b"\xff\xfe\x00bad", "is not UTF-8 text"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_submitted(
    stripe, as_user, milestones, hiring_client, freelancer, name, content, message
):
    fund(stripe, milestones[0], hiring_client)
    url = reverse("payments:step", args=[milestones[0].pk, "submit"])
    response = as_user(freelancer).post(url, {"message": "Here.", "files": [upload(name, content)]})
    assert response.status_code == 400
    assert message in page_text(response)
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.FUNDED


def test_delivered_files_download_for_the_two_sides_and_staff_only(
    stripe, as_user, milestones, hiring_client, freelancer, outsider, staff
):
    fund(stripe, milestones[0], hiring_client)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as written:
        written.writestr("draft/article.md", "# The article\n")
    url = reverse("payments:step", args=[milestones[0].pk, "submit"])
    response = as_user(freelancer).post(
        url,
        {
            "message": "The outline, and the sources.",
            "files": [
                upload("outline.pdf", pdf_bytes()),
                upload("sources.zip", archive.getvalue()),
            ],
        },
    )
    assert response.status_code == 302
    submission = milestones[0].submissions.get()
    pdf, bundle = submission.files.order_by("name")
    assert (pdf.name, bundle.name) == ("outline.pdf", "sources.zip")
    for user, status in ((hiring_client, 200), (freelancer, 200), (staff, 200), (outsider, 404)):
        assert as_user(user).get(pdf.get_absolute_url()).status_code == status
    download = as_user(hiring_client).get(pdf.get_absolute_url())
    assert download["Content-Disposition"].startswith("attachment")
    assert as_user(None).get(pdf.get_absolute_url()).status_code == 302


def test_the_client_releases_from_the_page_and_the_freelancer_sees_the_net_amount(
    stripe, as_user, milestones, hiring_client, freelancer
):
    fund(stripe, milestones[1], hiring_client)
    delivery.submit_work(milestone=milestones[1], by=freelancer, message="Done.", files=[])
    release = reverse("payments:step", args=[milestones[1].pk, "release"])
    assert "the freelancer, less the platform fee" in page_text(as_user(hiring_client).get(release))
    assert as_user(hiring_client).post(release).status_code == 302
    text = page_text(as_user(freelancer).get(reverse("payments:earnings")))
    assert '<td data-label="Available" class="earnings__available">$180</td>' in text
    assert "Release: Milestone “The article”" in text


def test_a_wrong_side_step_is_refused_on_the_page_with_its_status(
    stripe, as_user, milestones, hiring_client, freelancer
):
    fund(stripe, milestones[0], hiring_client)
    release = reverse("payments:step", args=[milestones[0].pk, "release"])
    response = as_user(freelancer).post(release)
    assert response.status_code == 403
    assert "Only the client releases the payment." in page_text(response)


# Receipts


def test_a_receipt_has_a_page_and_a_pdf_for_the_people_it_concerns(
    stripe, as_user, milestones, hiring_client, freelancer, outsider, staff
):
    fund(stripe, milestones[0], hiring_client)
    receipt = Receipt.objects.get()
    page = as_user(hiring_client).get(receipt.get_absolute_url())
    assert "R-000001" in page_text(page) and "$100" in page_text(page)
    pdf = as_user(hiring_client).get(reverse("payments:receipt_pdf", args=[receipt.number]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    for user, status in ((freelancer, 200), (staff, 200), (outsider, 404)):
        assert as_user(user).get(receipt.get_absolute_url()).status_code == status


def test_a_receipt_pdf_writes_names_in_other_scripts_and_the_rupee_sign(
    stripe, as_user, milestones, hiring_client
):
    fund(stripe, milestones[0], hiring_client)
    Receipt.objects.update(client_name="Дмитрий Łukasz Ørsted", description="Перевод · ₹ 8,000")
    receipt = Receipt.objects.get()
    pdf = as_user(hiring_client).get(reverse("payments:receipt_pdf", args=[receipt.number]))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Дмитрий Łukasz Ørsted" in text  # the core fonts wrote "??????? ?ukasz Ørsted"
    assert "Перевод · ₹ 8,000" in text


# Staff


def test_staff_decide_a_dispute_from_their_screen(
    stripe, as_user, milestones, hiring_client, freelancer, staff
):
    fund(stripe, milestones[0], hiring_client)
    dispute = disputes.open_dispute(milestone=milestones[0], by=freelancer, reason="No answer.")
    disputes.answer_dispute(dispute=dispute, by=hiring_client, answer="It is not done.")
    listing = page_text(as_user(staff).get(reverse("payments:dispute_list")))
    assert "Outline and sources" in listing and "answered" in listing
    url = reverse("payments:dispute_resolve", args=[dispute.pk])
    assert as_user(staff).post(url, {"refund_amount": "100.01"}).status_code == 400
    response = as_user(staff).post(url, {"refund_amount": "25", "note": "A quarter back."})
    assert response.status_code == 302
    milestones[0].refresh_from_db()
    assert (milestones[0].state, milestones[0].refunded_amount) == ("split", D("25.00"))


def test_staff_export_the_payout_queue_and_mark_payouts(
    stripe, as_user, milestones, hiring_client, freelancer, staff
):
    fund(stripe, milestones[0], hiring_client)
    settlement.release(milestone=milestones[0], by=hiring_client)
    payouts.save_payout_details(
        user=freelancer, account_holder="=HYPERLINK(1)", bank_details="IBAN DE89"
    )
    payout = payouts.request_payout(freelancer=freelancer, currency="USD", amount=D("90"))
    csv_text = page_text(as_user(staff).get(reverse("payments:payout_csv")))
    assert csv_text.splitlines()[1].split(",")[2:6] == [
        "USD",
        "90.00",
        "'=HYPERLINK(1)",
        "IBAN DE89",
    ]
    url = reverse("payments:payout_decide", args=[payout.pk, "paid"])
    assert as_user(staff).post(url, {"reference": "SEPA-42"}).status_code == 302
    payout.refresh_from_db()
    assert (payout.status, payout.reference) == ("paid", "SEPA-42")
    text = page_text(as_user(freelancer).get(reverse("payments:earnings")))
    assert "$90" in text and "paid" in text


def test_the_freelancer_requests_a_payout_of_what_is_available_only(
    stripe, as_user, milestones, hiring_client, freelancer
):
    fund(stripe, milestones[0], hiring_client)
    settlement.release(milestone=milestones[0], by=hiring_client)
    page = as_user(freelancer)
    request_url = reverse("payments:request_payout")
    # Money goes out only after the second factor, used recently: a stolen session is not enough.
    assert page.get(request_url)["Location"].startswith(reverse("mfa_index"))
    give_totp(freelancer)
    assert page.get(request_url)["Location"].startswith(reverse("mfa_reauthenticate"))
    confirm_identity(page, freelancer, method="mfa")
    page.post(
        reverse("payments:payout_details"),
        {"account_holder": "Elena Marsh", "bank_details": "IBAN DE89 3704"},
    )
    too_much = page.post(request_url, {"currency": "USD", "amount": "90.01"})
    assert too_much.status_code == 409
    assert "Your available balance is less than $90.01." in page_text(too_much)
    assert page.post(request_url, {"currency": "USD", "amount": "90"}).status_code == 302
    assert Payment.objects.count() == 1
