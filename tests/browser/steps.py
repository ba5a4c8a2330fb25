"""Acting on the case page the way a user does."""


def open_step(page, name: str):
    """Unfold a step on the case page (as a user would) and return its form."""
    details = page.locator(f'details:has(form[data-step="{name}"])')
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return page.locator(f'form[data-step="{name}"]')
