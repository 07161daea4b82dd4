"""What a person recognises of a browser: "Chrome 120 on Windows", "Mobile Safari on iPhone"."""

from functools import lru_cache

from ua_parser import parse


@lru_cache(maxsize=512)
def describe_device(user_agent: str) -> str:
    parsed = parse(user_agent or "")
    browser = parsed.user_agent.family if parsed.user_agent else "Unknown browser"
    if parsed.user_agent and parsed.user_agent.major:
        browser = f"{browser} {parsed.user_agent.major}"
    if parsed.device and parsed.device.family not in {"Other", "Generic Smartphone"}:
        where = parsed.device.family
    elif parsed.os:
        where = parsed.os.family
    else:
        return browser
    return f"{browser} on {where}"
