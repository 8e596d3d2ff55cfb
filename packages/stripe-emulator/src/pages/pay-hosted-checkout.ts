export interface HostedCheckoutAnswer {
  status: number;
  /** Where the page sends the buyer next (the session's success URL once paid), if anywhere. */
  location: string | null;
  html: string;
}

/**
 * Pays on the emulator's hosted Checkout page the way a browser without JavaScript would: GET the page,
 * POST its payment form with a test card (4242… by default; see the README's test cards for declines and
 * 3-D Secure) and whatever `fields` the page asks for besides (an email). For seed scripts and tests that
 * need a real checkout without a browser; the redirect is not followed.
 */
export async function payHostedCheckout(
  url: string,
  options: { card?: string; fields?: Record<string, string> } = {},
): Promise<HostedCheckoutAnswer> {
  const page = await fetch(url);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`No payment form on ${url}: ${html.slice(0, 300)}`);
  const response = await fetch(new URL(action, url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      card_number: options.card ?? '4242 4242 4242 4242',
      expiry: '12 / 34',
      cvc: '123',
      ...options.fields,
    }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}
