"""The words each page starts with, until staff change them in the admin."""

ABOUT = """
<p>Freelance Commons is a marketplace for independent writers, translators, developers,
designers and other specialists, and for the people who hire them. It is open-source and
self-hosted: the organisation that runs this site owns its data and its rules.</p>
<h2>What we believe</h2>
<ul>
  <li><strong>Work speaks first.</strong> Profiles lead with writing samples, services and
  verified reviews, not with badges bought or earned by volume.</li>
  <li><strong>Only clients who hired can review.</strong> Every review on the site belongs to a
  completed engagement, so ratings mean something.</li>
  <li><strong>Prices are clear.</strong> Freelancers show an hourly rate, a starting price or
  both, in their own currency, before anyone gets in touch.</li>
</ul>
<h2>Who runs this site</h2>
<p>A small team of moderators reads every reported review and answers every message sent
through the contact form. We never sell personal data and we do not show advertising.</p>
"""

HOW_IT_WORKS = """
<h2 id="clients">For clients</h2>
<ol>
  <li><strong>Find someone.</strong> Search or browse by category, then narrow by skills,
  hourly rate, starting price and rating. Read writing samples and reviews on each profile.</li>
  <li><strong>Get a quote.</strong> Press “Get a quote” on a service or profile and describe the
  work: topic, length, audience, deadline, budget. Signing up takes a minute and is free.</li>
  <li><strong>Agree and work together.</strong> The freelancer accepts with a quote (a fixed
  price or a rate) or declines. Messages stay in one thread on the engagement page.</li>
  <li><strong>Confirm and review.</strong> When the work is delivered, confirm completion
  (it completes by itself after 14 days), then leave a review that other clients can trust.</li>
</ol>
<h2 id="freelancers">For freelancers</h2>
<ol>
  <li><strong>Make a profile.</strong> Sign up, choose to offer work, and add a headline, an
  introduction, your skills, a picture and, if you like, a resume.</li>
  <li><strong>Publish services.</strong> Each service has a title, a description, a category,
  an hourly rate and/or a starting price. Preview it, then publish or pause it at any time.</li>
  <li><strong>Show your work.</strong> Writing samples appear on your profile and beside your
  services; they are the best argument you have.</li>
  <li><strong>Answer requests.</strong> You are emailed about each request. Accept with a
  quote, decline politely, deliver, and respond publicly to the reviews you receive.</li>
</ol>
<p>There is no fee for using the site; payment is agreed between client and freelancer.</p>
"""

TERMS = """
<p>These terms apply to everyone who uses this site. By creating an account you accept them.</p>
<h2>Accounts</h2>
<p>You must give a real email address and keep your password to yourself. One person, one
account. You may close your account at any time by writing to us.</p>
<h2>Services and engagements</h2>
<p>Freelancers describe their services honestly, including their prices and the work they can
deliver. An engagement is an agreement between a client and a freelancer; the site records it
but is not a party to it. Payment, taxes and invoices are settled between the two of you.</p>
<h2>Reviews</h2>
<p>Only a client whose engagement was completed may review it, once. Reviews must describe the
work and the collaboration honestly and must not contain insults, personal data or
advertising. Freelancers may respond publicly once. Moderators hide reviews that break these
rules and record why.</p>
<h2>What is not allowed</h2>
<ul>
  <li>Plagiarised or machine-generated samples presented as your own work.</li>
  <li>Offers to pay for reviews, or reviews of your own services.</li>
  <li>Spam, harassment, or asking to take payment for illegal work.</li>
</ul>
<p>We may pause services or close accounts that break these terms, and tell you why.</p>
"""

PRIVACY = """
<p>This page explains what personal data this site keeps, why, and for how long.</p>
<h2>What we keep</h2>
<ul>
  <li><strong>Your account:</strong> email address, name and password (stored only as a salted
  hash).</li>
  <li><strong>Freelancer profiles:</strong> what you publish (headline, introduction, skills,
  pictures, services and samples) is public. A resume is downloadable by visitors only if you
  upload one.</li>
  <li><strong>Engagements and messages:</strong> visible only to the client, the freelancer and
  the moderators.</li>
  <li><strong>Reviews:</strong> public, signed with your first name and last initial.</li>
</ul>
<h2>What we do not do</h2>
<p>No advertising, no tracking scripts, no third-party analytics, and no selling or sharing of
data. The only cookies are the ones that keep you signed in and protect forms.</p>
<h2>Your rights</h2>
<p>You can correct your data from your dashboard and ask us for a copy or for deletion through
the contact form. We answer within 30 days.</p>
"""

PAGES = [
    (
        "about",
        "About Freelance Commons",
        "An open-source marketplace where clients hire writers, developers and designers "
        "through verified reviews and clear prices.",
        ABOUT,
    ),
    (
        "how-it-works",
        "How it works",
        "How clients find and hire a freelancer, and how freelancers publish services and "
        "answer requests, step by step.",
        HOW_IT_WORKS,
    ),
    (
        "terms",
        "Terms of use",
        "The rules for accounts, services, engagements and reviews on this marketplace.",
        TERMS,
    ),
    (
        "privacy",
        "Privacy",
        "What personal data this marketplace keeps, why, for how long, and your rights.",
        PRIVACY,
    ),
]
